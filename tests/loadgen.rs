//! The load generator measures what it claims: its core, run against the test server for about
//! a second with 20 phones and 2 walls, sees every contribution acknowledged and on both walls,
//! over websockets and over HTTP. (examples/loadgen/ holds the tool; its modules are compiled
//! in here as they are.)

mod common;

#[allow(dead_code)]
#[path = "../examples/loadgen/load.rs"]
mod load;
#[allow(dead_code)]
#[path = "../examples/loadgen/net.rs"]
mod net;
#[allow(dead_code)]
#[path = "../examples/loadgen/phones.rs"]
mod phones;
#[allow(dead_code)]
#[path = "../examples/loadgen/procfs.rs"]
mod procfs;
#[allow(dead_code)]
#[path = "../examples/loadgen/stats.rs"]
mod stats;
#[allow(dead_code)]
#[path = "../examples/loadgen/walls.rs"]
mod walls;

use std::time::Duration;

use common::TestServer;
use load::{Plan, Target, Transport};

const PHONES: usize = 20;
const PER_PHONE: usize = 3;
const WALLS: usize = 2;

fn plan(transport: Transport) -> Plan {
    Plan {
        phones: PHONES,
        walls: WALLS,
        per_phone: PER_PHONE,
        // 60 contributions in about one second.
        rate: Some(60.0),
        batch: 8,
        transport,
        text_len: 50,
        // Two source addresses (127.0.0.2 and .3): the spreading itself is exercised.
        addresses: 2,
        timeout: Duration::from_secs(20),
    }
}

async fn check(transport: Transport) {
    let server = TestServer::start().await;
    let target = Target { addr: server.addr, admin: common::ADMIN.into(), pid: Some(std::process::id()) };
    let out = tokio::time::timeout(Duration::from_secs(60), load::run(&target, &plan(transport)))
        .await
        .expect("the run ends in time")
        .expect("the run");
    let total = PHONES * PER_PHONE;
    assert_eq!(out.refused, 0, "nothing refused: {:?}", out.first_refusal);
    assert!(out.connect_errors.is_empty(), "{:?}", out.connect_errors);
    assert_eq!(out.acked, total, "every id acknowledged");
    assert_eq!(out.ack.len(), total);
    assert_eq!(out.wall_missing, 0, "every wall saw every acknowledged id");
    assert_eq!(out.wall.len(), total * WALLS, "each id once per wall");
    assert!(out.wall_frames >= (total * WALLS) as u64);
    // Paced at 60/s, the 60 contributions take about a second, not a burst.
    assert!(out.send_secs > 0.5, "paced, not a burst: {} s", out.send_secs);
    // Latencies are real durations, and a wall never has an id before its phone sent it.
    assert!(out.ack.pct(0.0) > Duration::ZERO && out.ack.pct(1.0) < Duration::from_secs(20));
    assert!(out.wall.pct(1.0) < Duration::from_secs(20));
    // The process sampled is this test's own (the server runs in it): memory and CPU read.
    assert!(out.after_send.rss_kib > 0 && out.after_send.cpu_secs > 0.0);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_id_acked_and_on_every_wall_over_websockets() {
    check(Transport::Ws).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_id_acked_and_on_every_wall_over_http() {
    check(Transport::Http).await;
}

#[test]
fn ids_carry_their_index_and_refuse_other_runs() {
    let (a, b) = (net::Ids::new(), net::Ids::new());
    let id = a.id(12_345);
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id} is a UUID");
    assert_eq!(a.index(&id), Some(12_345));
    assert_eq!(b.index(&id), None);
}
