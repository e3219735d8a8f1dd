//! The address phones use: the machine's LAN IPv4 address when listening on all interfaces,
//! since `localhost` on a phone is the phone itself.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The base URL for links and QR codes, without a trailing slash.
pub fn public_base(public_url: Option<&str>, bound: SocketAddr) -> String {
    if let Some(url) = public_url {
        return url.trim_end_matches('/').to_string();
    }
    let ip = match bound.ip() {
        ip if ip.is_unspecified() => lan_ipv4().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        ip => ip,
    };
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{}", bound.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}", bound.port()),
    }
}

/// The first private-range (or otherwise non-loopback) IPv4 address of this machine.
pub fn lan_ipv4() -> Option<IpAddr> {
    match local_ip_address::local_ip() {
        Ok(ip @ IpAddr::V4(v4)) if !v4.is_loopback() => Some(ip),
        _ => local_ip_address::list_afinet_netifas()
            .ok()?
            .into_iter()
            .map(|(_, ip)| ip)
            .find(|ip| matches!(ip, IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_url_wins_and_loses_its_slash() {
        let bound: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert_eq!(public_base(Some("https://dialog.example.se/"), bound), "https://dialog.example.se");
    }

    #[test]
    fn unspecified_address_is_never_published() {
        let bound: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let base = public_base(None, bound);
        assert!(!base.contains("0.0.0.0"), "{base}");
        assert!(base.ends_with(":8080"));
    }

    #[test]
    fn specific_address_is_kept() {
        let bound: SocketAddr = "127.0.0.1:9000".parse().unwrap();
        assert_eq!(public_base(None, bound), "http://127.0.0.1:9000");
    }
}
