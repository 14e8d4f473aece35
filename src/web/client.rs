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
