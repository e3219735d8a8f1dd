//! Client sockets: websockets and HTTP from chosen loopback source addresses, so that many
//! phones can look like several halls (the server's per-address limits are sized for one hall
//! behind one NAT), and contribution ids that carry their own index.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

pub type Ws = WebSocketStream<TcpStream>;

/// The client side keeps its buffers as small as the server's, so that 10,000 phones fit in
/// the load generator too (tungstenite's default read buffer is 128 KiB per socket).
fn client_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(4 * 1024)
        .max_write_buffer_size(4 * 1024 * 1024)
        .max_message_size(Some(4 * 1024 * 1024))
}

/// The n-th source address: 127.0.0.2, 127.0.0.3, … (127.0.0.1 is left to walls and admin).
pub fn source(n: usize) -> IpAddr {
    let n = n % 250;
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2 + n as u8))
}

/// Opens a websocket to `path_and_query` on `server`, from `from`, with TCP_NODELAY (a phone's
/// small frames should not wait for Nagle). The error is a short text for counting.
pub async fn ws(server: SocketAddr, from: IpAddr, path_and_query: &str) -> Result<Ws, String> {
    let socket = TcpSocket::new_v4().map_err(|e| format!("socket: {e}"))?;
    socket.bind(SocketAddr::new(from, 0)).map_err(|e| format!("bind: {e}"))?;
    let stream = socket.connect(server).await.map_err(|e| format!("connect: {e}"))?;
    stream.set_nodelay(true).map_err(|e| format!("nodelay: {e}"))?;
    let url = format!("ws://{server}{path_and_query}");
    match tokio_tungstenite::client_async_with_config(url, stream, Some(client_config())).await {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => Err(format!("HTTP {}", r.status())),
        Err(e) => Err(format!("handshake: {e}")),
    }
}

/// An HTTP client whose connections come from `from`; it keeps connections alive like a
/// browser does, and follows no redirects (mentipy answers a form with 303).
pub fn http(from: IpAddr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(from)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1024)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("HTTP client")
}

/// Contribution ids: a valid UUID whose last twelve hex digits are the contribution's index in
/// the run and whose first eight are the run's own, so that an ack or a wall frame names its
/// slot without a lookup and two runs on one server never collide.
#[derive(Debug, Clone, Copy)]
pub struct Ids {
    run: u32,
}

impl Ids {
    pub fn new() -> Self {
        Self { run: uuid::Uuid::new_v4().as_u128() as u32 }
    }

    pub fn id(&self, index: usize) -> String {
        format!("{:08x}-0000-4000-8000-{:012x}", self.run, index)
    }

    /// The index of an id of this run, `None` for anybody else's.
    pub fn index(&self, id: &str) -> Option<usize> {
        if id.len() != 36 || !id.starts_with(&format!("{:08x}", self.run)) {
            return None;
        }
        usize::from_str_radix(&id[24..], 16).ok()
    }
}

/// The 36 characters after `key` in a frame, without parsing the JSON: walls at 500 sockets
/// receive hundreds of thousands of frames, and the load generator shares the server's cores.
pub fn id_after<'a>(frame: &'a str, key: &str) -> Option<&'a str> {
    let at = frame.find(key)? + key.len();
    frame.get(at..at + 36)
}
