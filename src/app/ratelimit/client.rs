//! The network address a client's per-address limits are keyed on.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::error::AppError;

/// A client's IPv4 address, or the /64 network of its IPv6 address: one machine is commonly
/// given a whole /64 and may pick any address in it, so the full address would be as easy to
/// invent as a participant id. (An IPv4 address mapped into IPv6 counts as IPv4.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Client(IpAddr);

impl Client {
    pub fn from_ip(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => Self(IpAddr::V4(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self(IpAddr::V4(v4)),
                None => Self(IpAddr::V6(Ipv6Addr::from(v6.to_bits() & !u128::from(u64::MAX)))),
            },
        }
    }

    /// The address (or network) as used for keys and logs.
    pub fn ip(self) -> IpAddr {
        self.0
    }
}

impl From<SocketAddr> for Client {
    fn from(addr: SocketAddr) -> Self {
        Self::from_ip(addr.ip())
    }
}

/// Taken from the connection (axum's `ConnectInfo`), never from headers a client can write.
impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        match parts.extensions.get::<ConnectInfo<SocketAddr>>() {
            Some(ConnectInfo(addr)) => Ok(Self::from(*addr)),
            // Only a server wired without `into_make_service_with_connect_info` gets here.
            None => Err(AppError::Internal("the client's address is unknown (no ConnectInfo)".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_counts_by_its_64_and_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(Client::from_ip(a), Client::from_ip(b));
        assert_ne!(Client::from_ip(a), Client::from_ip(other));
        assert_eq!(Client::from_ip(a).ip(), "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(Client::from_ip(mapped).ip(), "192.0.2.7".parse::<IpAddr>().unwrap());
    }
}
