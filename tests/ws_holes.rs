//! Small holes in the websockets (issue 6, item 9): the Origin is checked against the server's
//! own addresses, not the Host header a DNS-rebinding page controls; a text frame that is not
//! UTF-8 closes the socket with 1007 instead of dropping the connection.

mod common;

use common::*;
use futures_util::SinkExt;
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::Frame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};

fn paths(session: &Value) -> [String; 2] {
    let (id, code) = (session["id"].as_str().unwrap(), session["code"].as_str().unwrap());
    [
        format!("/ws/wall/{id}?token={}", session["wall_token"].as_str().unwrap()),
        format!("/ws/join/{code}?participant=origin-holes"),
    ]
}

#[tokio::test]
async fn a_dns_rebinding_origin_is_refused_even_when_the_host_header_matches_it() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let port = server.addr.port();
    let evil_host = format!("evil.example:{port}");
    let evil_origin = format!("http://{evil_host}");
    for path in paths(&session) {
        let refused =
            server.ws_with_headers(&path, &[("origin", &evil_origin), ("host", &evil_host)]).await.err();
        assert_eq!(refused, Some(403), "{evil_origin} on {path}");
    }
}

#[tokio::test]
async fn the_servers_own_origins_and_programs_without_origin_are_accepted() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let port = server.addr.port();
    let own = [
        (format!("http://127.0.0.1:{port}"), format!("127.0.0.1:{port}")),
        (format!("http://localhost:{port}"), format!("localhost:{port}")),
        // A browser on a phone reaches a server on all interfaces by its LAN address; this
        // server listens on loopback only, but the Host a proxy sends must not matter.
        (format!("http://127.0.0.1:{port}"), "inspel.internal".to_string()),
    ];
    for path in paths(&session) {
        for (origin, host) in &own {
            let mut ws = server
                .ws_with_headers(&path, &[("origin", origin), ("host", host)])
                .await
                .unwrap_or_else(|s| panic!("{origin} (Host {host}) refused on {path}: {s}"));
            assert_eq!(next_json(&mut ws).await["type"], "hello");
        }
        let mut ws = server.ws_with_headers(&path, &[]).await.expect("no Origin: not a browser");
        assert_eq!(next_json(&mut ws).await["type"], "hello");
    }
}

#[tokio::test]
async fn a_text_frame_that_is_not_utf8_closes_with_1007() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let mut phone = server.phone(&session, "utf8-holes").await;
    next_of(&mut phone, "hello").await;
    // A lone continuation byte and an overlong encoding: never valid UTF-8.
    let frame = Frame::message(vec![b'{', 0x80, 0xC0, 0xAF, b'}'], OpCode::Data(Data::Text), true);
    phone.send(Message::Frame(frame)).await.expect("send the raw frame");
    let (ended, _) = read_until_closed(&mut phone, 10).await;
    assert_eq!(ended, Some(1007), "close code for a text frame that is not UTF-8");

    // The wall socket runs the same loop.
    let mut wall = server.wall(&session, None).await;
    next_of(&mut wall, "hello").await;
    let frame = Frame::message(vec![0xFF, 0xFE], OpCode::Data(Data::Text), true);
    wall.send(Message::Frame(frame)).await.expect("send the raw frame");
    let (ended, _) = read_until_closed(&mut wall, 10).await;
    assert_eq!(ended, Some(1007));
}
