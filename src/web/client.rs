//! Who is asking: the client's network address, as rate limits count it.

use axum::extract::ConnectInfo;
use std::net::{IpAddr, SocketAddr};

/// The address of the shopper making the current request. Behind a reverse proxy on the same machine (the peer is
/// a loopback address) it is the last address the proxy added to `X-Forwarded-For`; a client cannot forge that
/// one, because the proxy appends it after whatever the client sent.
pub async fn client_address() -> Option<IpAddr> {
    let ConnectInfo(peer) = leptos_axum::extract::<ConnectInfo<SocketAddr>>().await.ok()?;
    if !peer.ip().is_loopback() {
        return Some(peer.ip());
    }
    let headers = leptos_axum::extract::<axum::http::HeaderMap>().await.ok()?;
    // Only the very last entry: the ones before it are whatever the client sent.
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .next_back()
        .and_then(|last| last.trim().parse::<IpAddr>().ok());
    Some(forwarded.unwrap_or(peer.ip()))
}

/// How limits and lockouts name a client's address: an IPv4 address as it is, an IPv6 address by its /64 network,
/// since one subscriber is routed a whole /64 and can use any address in it.
pub fn network_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::network_key;

    #[test]
    fn an_ipv6_client_is_named_by_its_64_network() {
        let key = |text: &str| network_key(text.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(
            key("2001:db8:1:2:ffff:1:2:3"),
            "2001:db8:1:2::/64",
            "the same subscriber"
        );
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
    }
}
