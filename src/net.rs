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

/// The origins of this server's own pages, which alone may open websockets: the public base
/// URL, loopback by name and address, and the address it listens on (every interface address
/// of this machine when it listens on all), with the listening port. Computed once at start; the Host header is not consulted, since a
/// DNS-rebinding page controls it.
pub fn own_origins(base_url: &str, bound: SocketAddr) -> Vec<String> {
    let port = bound.port();
    // Browsers leave the default port out of Origin.
    let with_port =
        |host: String| if port == 80 { format!("http://{host}") } else { format!("http://{host}:{port}") };
    let ip_origin = |ip: IpAddr| match ip {
        IpAddr::V4(v4) => with_port(v4.to_string()),
        IpAddr::V6(v6) => with_port(format!("[{v6}]")),
    };
    // An Origin is scheme, host and port: a public URL's path (behind a proxy) is not part of it.
    let base = base_url.to_ascii_lowercase();
    let base = match base.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or_default()),
        None => base,
    };
    let mut origins = vec![base, with_port("localhost".into())];
    origins.push(ip_origin(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    origins.push(ip_origin(IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)));
    if bound.ip().is_unspecified() {
        // Listening on all interfaces: pages may come from any of the machine's addresses.
        if let Ok(interfaces) = local_ip_address::list_afinet_netifas() {
            origins.extend(interfaces.into_iter().map(|(_, ip)| ip_origin(ip)));
        }
    } else {
        origins.push(ip_origin(bound.ip()));
    }
    origins.sort();
    origins.dedup();
    origins
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
    fn own_origins_are_the_base_url_loopback_and_interfaces() {
        let bound: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let origins = own_origins("https://Dialog.example.se/inspel/", bound);
        for o in [
            "https://dialog.example.se",
            "http://localhost:8080",
            "http://127.0.0.1:8080",
            "http://[::1]:8080",
        ] {
            assert!(origins.iter().any(|x| x == o), "{o} missing from {origins:?}");
        }
        if let Some(lan) = lan_ipv4() {
            assert!(origins.contains(&format!("http://{lan}:8080")), "{origins:?}");
        }
        assert!(!origins.iter().any(|o| o.contains("0.0.0.0")), "{origins:?}");
        let on_80 = own_origins("http://192.0.2.1", "192.0.2.1:80".parse().unwrap());
        assert!(on_80.contains(&"http://localhost".to_string()), "{on_80:?}");
    }

    #[test]
    fn specific_address_is_kept() {
        let bound: SocketAddr = "127.0.0.1:9000".parse().unwrap();
        assert_eq!(public_base(None, bound), "http://127.0.0.1:9000");
    }
}
