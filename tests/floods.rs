//! Floods from one machine (issue "Floods"): participant ids are made by the client, so limits
//! per phone alone let one script act as any number of phones. Per-address ceilings stop that,
//! sized so that a whole room behind one NAT never feels them. Each loopback address
//! (127.0.0.2, 127.0.0.3, …) stands for another machine; the limits are the production ones.

mod common;
mod flood_support;

use std::collections::HashSet;
use std::time::Instant;

use common::*;
use flood_support::*;
use inspel::limits::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_machine_inventing_ids_stops_at_its_ceilings_while_another_room_carries_on() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap().to_string();
    let url = server.url(&format!("/api/join/{code}/contributions"));
    let wall = follow(server.wall(&session, None).await);
    let script = machine([127, 0, 0, 2]);
    let started = Instant::now();

    // A fresh participant id on every request: the new-id ceiling stops it.
    let fresh: Vec<(String, String)> =
        (0..NEW_PHONES_BURST as usize + 1_000).map(|i| (format!("fake-{i}"), uuid())).collect();
    let answers = until(fresh.len(), any_refused, |i| {
        post(&script, url.clone(), &fresh[i].0, contribution(&fresh[i].1, "q1"))
    })
    .await;
    let (ok, refused) = tally(&answers);
    assert!(ok >= NEW_PHONES_BURST as usize, "only {ok} new phones accepted");
    assert!(ok <= at_most(NEW_PHONES_BURST, NEW_PHONES_PER_MINUTE, started), "{ok} new phones accepted");
    assert!(refused.iter().all(|r| r == "429 too_many_new_phones"), "{refused:?}");
    assert!(!refused.is_empty());

    // The ids it got through write once more each: the address's total stops it.
    let known: Vec<&str> =
        fresh.iter().zip(&answers).filter(|(_, a)| a.status == 201).map(|(f, _)| f.0.as_str()).collect();
    let again: Vec<String> = (0..known.len() + 1_000).map(|_| uuid()).collect();
    let answers2 = until(again.len(), any_refused, |i| {
        post(&script, url.clone(), known[i % known.len()], contribution(&again[i], "q1"))
    })
    .await;
    let (ok2, refused2) = tally(&answers2);
    let total = ok + ok2;
    assert!(total >= ADDRESS_RATE_BURST as usize, "only {total} accepted in all");
    assert!(
        total <= at_most(ADDRESS_RATE_BURST, ADDRESS_RATE_PER_MINUTE, started),
        "{total} accepted in all"
    );
    assert!(refused2.iter().all(|r| r == "429 rate_limited"), "{refused2:?}");
    assert!(!refused2.is_empty());

    // A resend of something stored stays free, even now (phones resend their offline queue).
    let (phone, id) = &fresh[0];
    assert_eq!(answers[0].status, 201);
    assert_eq!(post(&script, url.clone(), phone, contribution(id, "q1")).await.status, 200);

    // Another room (another address) is not affected: 50 phones writing two each.
    let room = machine([127, 0, 0, 3]);
    let ids: Vec<String> = (0..100).map(|_| uuid()).collect();
    let answers3 =
        many(100, |i| post(&room, url.clone(), format!("room-{}", i / 2), contribution(&ids[i], "q2"))).await;
    assert_eq!(tally(&answers3), (100, vec![]));

    // Nothing refused was stored, and the wall saw exactly what was stored.
    let stored: HashSet<String> = server.stored_ids(&session).await.into_iter().collect();
    assert_eq!(stored.len(), total + 100);
    let sent = fresh.iter().map(|(_, id)| id).zip(&answers).chain(again.iter().zip(&answers2));
    for (id, a) in sent {
        assert_eq!(stored.contains(id), a.status == 201, "{id}: {a:?}");
    }
    let seen = wall_saw(&server, wall, &session).await;
    assert_eq!(seen, stored, "the wall's contribution events are exactly the stored contributions");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_room_of_300_phones_behind_one_address_never_feels_the_limits() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap().to_string();
    for text in ["Fler kuratorer i skolan", "Gratis kollektivtrafik för unga", "Öppna fritidsgårdar"] {
        server.add(&session, "q1", text).await;
    }
    let venue = machine([127, 0, 0, 4]);
    let join = server.url(&format!("/api/join/{code}"));
    let url = server.url(&format!("/api/join/{code}/contributions"));

    // Every phone opens the page (a join lookup) and writes two thoughts at once when the
    // question opens: half over HTTP...
    let answers = many(150, |i| {
        let (venue, join, url) = (&venue, join.clone(), url.clone());
        async move {
            let seen = answer(venue.get(join).send().await.expect("join")).await;
            let me = format!("telefon-{i}");
            let (a, b) = tokio::join!(
                post(venue, url.clone(), &me, contribution(&uuid(), "q2")),
                post(venue, url.clone(), &me, contribution(&uuid(), "q3")),
            );
            vec![seen, a, b]
        }
    })
    .await;
    let answers: Vec<Answer> = answers.into_iter().flatten().collect();
    assert_eq!(tally(&answers), (450, vec![]));

    // ...and half over their websockets (a lookup each, too).
    let ws_phone = |i: usize| {
        let (server, code) = (&server, code.clone());
        async move {
            let mut ws = ws_from(server, [127, 0, 0, 4], &format!("/ws/join/{code}?participant=ws-{i}"))
                .await
                .expect("socket");
            next_of(&mut ws, "hello").await;
            let mut acks = 0;
            for q in ["q2", "q3"] {
                send_json(&mut ws, &submit_msg(&uuid(), q, "Trygga skolvägar")).await;
                let ack = answer_on(&mut ws).await;
                assert_eq!(ack["type"], "ack", "{ack}");
                acks += 1;
            }
            acks
        }
    };
    assert_eq!(many(150, ws_phone).await.iter().sum::<usize>(), 300);
    assert_eq!(server.stored_ids(&session).await.len(), 3 + 600);

    // Then all 300 place their three dots, one tap at a time.
    let (vote, items) = vote_on_q1(&server, &session).await;
    let ballots = many(300 * 3, |n| {
        let vote_url = server.url(&format!("/api/join/{code}/votes/{vote}"));
        let me = if n < 450 { format!("telefon-{}", n / 3) } else { format!("ws-{}", (n - 450) / 3) };
        post(&venue, vote_url, me, json!({"item_id": items[n % 3], "dots": 1}))
    })
    .await;
    assert_eq!(tally(&ballots), (900, vec![]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_are_limited_per_phone_and_per_address_and_fresh_ids_cannot_stuff_dots() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap().to_string();
    for text in ["Fler kuratorer i skolan", "Gratis kollektivtrafik för unga", "Öppna fritidsgårdar"] {
        server.add(&session, "q1", text).await;
    }
    let (vote, items) = vote_on_q1(&server, &session).await;
    // Walls get tallies only once the result is shown in the room.
    assert_eq!(server.facilitate(&session, "POST", &format!("/votes/{vote}/reveal"), None).await.0, 200);
    let vote_url = server.url(&format!("/api/join/{code}/votes/{vote}"));
    let ballot = |item: &str, dots: u32| json!({"item_id": item, "dots": dots});

    // One phone sends 399 ballots as fast as its socket takes them (the tester's case): after
    // its burst, they are refused, and no refused ballot reaches the walls as a tally.
    let mut wall = server.wall(&session, None).await;
    let mut phone =
        ws_from(&server, [127, 0, 0, 5], &format!("/ws/join/{code}?participant=ivrig")).await.unwrap();
    next_of(&mut phone, "hello").await;
    let started = Instant::now();
    for n in 0..399 {
        send_json(
            &mut phone,
            &json!({"type": "vote", "vote_id": vote, "item_id": items[0], "dots": n % 2 + 1}),
        )
        .await;
    }
    let (mut voted, mut refused) = (0, 0);
    for _ in 0..399 {
        let a = answer_on(&mut phone).await;
        if a["type"] == "voted" {
            voted += 1;
        } else {
            assert_eq!((a["status"].as_u64(), a["code"].as_str()), (Some(429), Some("rate_limited")), "{a}");
            assert!(a["retry_after_secs"].as_u64().is_some_and(|s| s >= 1), "{a}");
            refused += 1;
        }
    }
    assert!(
        voted >= VOTE_BURST as usize && voted <= at_most(VOTE_BURST, VOTE_PER_MINUTE, started),
        "{voted} accepted"
    );
    assert_eq!(voted + refused, 399);
    // A ballot from another machine marks the end of the tallies the flood caused.
    let other = machine([127, 0, 0, 6]);
    assert_eq!(post(&other, vote_url.clone(), "lugn", ballot(&items[2], 1)).await.status, 200);
    let mut tallies = 0;
    loop {
        let e = next_event(&mut wall, "vote_tallied").await;
        if e["item_id"] == items[2].as_str() {
            break;
        }
        tallies += 1;
    }
    assert_eq!(tallies, voted, "every accepted ballot and no refused one reached the wall");

    // Dot stuffing: a fresh id for every three dots on one card. The new-id ceiling stops it.
    let stuffer = machine([127, 0, 0, 7]);
    let started = Instant::now();
    let n = NEW_PHONES_BURST as usize + 1_000;
    let answers = until(n, any_refused, |i| {
        post(&stuffer, vote_url.clone(), format!("fake-{i}"), ballot(&items[1], 3))
    })
    .await;
    let (ok, refused) = tally(&answers);
    assert!(
        ok >= NEW_PHONES_BURST as usize && ok <= at_most(NEW_PHONES_BURST, NEW_PHONES_PER_MINUTE, started),
        "{ok}"
    );
    assert!(!refused.is_empty() && refused.iter().all(|r| r == "429 too_many_new_phones"), "{refused:?}");
    let (_, s) = server.facilitate(&session, "GET", "", None).await;
    let v = s["votes"].as_array().unwrap().iter().find(|v| v["id"] == vote.as_str()).unwrap().clone();
    let dots: u64 = v["totals"][&items[1]].as_u64().unwrap_or_default();
    assert_eq!(dots, 3 * ok as u64, "{v}");

    // The ids it has keep moving dots (changing nothing still costs): the address's total stops
    // it, while a phone on another address still votes.
    let known: Vec<String> = answers
        .iter()
        .enumerate()
        .filter(|(_, a)| a.status == 200)
        .map(|(i, _)| format!("fake-{i}"))
        .collect();
    let extra = ADDRESS_VOTE_BURST as usize - ok + 1_000;
    let answers = until(extra, any_refused, |i| {
        post(&stuffer, vote_url.clone(), known[i % known.len()].clone(), ballot(&items[1], 3))
    })
    .await;
    let (ok2, refused2) = tally(&answers);
    assert!(ok + ok2 >= ADDRESS_VOTE_BURST as usize, "{}", ok + ok2);
    assert!(ok + ok2 <= at_most(ADDRESS_VOTE_BURST, ADDRESS_VOTE_PER_MINUTE, started), "{}", ok + ok2);
    assert!(!refused2.is_empty() && refused2.iter().all(|r| r == "429 rate_limited"), "{refused2:?}");
    assert_eq!(post(&other, vote_url.clone(), "lugn", ballot(&items[2], 2)).await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_codes_is_refused_after_the_miss_budget_and_valid_codes_work_from_elsewhere() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap().to_string();
    let get = |http: &reqwest::Client, c: &str| {
        let req = http.get(server.url(&format!("/api/join/{c}"))).send();
        async move { answer(req.await.expect("join")).await }
    };
    let guesser = machine([127, 0, 0, 8]);
    // Someone on this network opened the real code before the guessing started.
    assert_eq!(get(&guesser, &code).await.status, 200);

    let started = Instant::now();
    let mut answers = Vec::new();
    for c in unknown_codes(CODE_GUESS_BURST as usize + 10) {
        answers.push(get(&guesser, &c).await);
    }
    // Opening the real code cost one guess too (the first time only).
    let misses = answers.iter().filter(|a| a.status == 404).count() + 1;
    assert!(misses >= CODE_GUESS_BURST as usize, "{misses}");
    assert!(misses <= at_most(CODE_GUESS_BURST, CODE_GUESS_PER_MINUTE, started), "{misses}");
    let refused: Vec<&Answer> = answers.iter().filter(|a| a.status != 404).collect();
    assert!(!refused.is_empty() && refused.iter().all(|a| a.code == "too_many_codes" && a.status == 429));
    assert!(refused.iter().all(|a| a.retry_after.is_some_and(|s| (1..=60).contains(&s))), "{refused:?}");

    // From now on a code it has not opened is refused whether it exists or not, so guessing
    // tells it nothing, on every path that takes a code.
    let other = server.council().await;
    let other_code = other["code"].as_str().unwrap();
    assert_eq!(get(&guesser, other_code).await.code, "too_many_codes");
    assert_eq!(ws_from(&server, [127, 0, 0, 8], &format!("/ws/join/{other_code}")).await.err(), Some(429));
    let url = server.url(&format!("/api/join/{other_code}/contributions"));
    assert_eq!(post(&guesser, url, "p", contribution(&uuid(), "q1")).await.code, "too_many_codes");
    assert!(server.stored_ids(&other).await.is_empty());
    // The code this network had opened still works for its room.
    assert_eq!(get(&guesser, &code).await.status, 200);
    assert!(ws_from(&server, [127, 0, 0, 8], &format!("/ws/join/{code}?participant=p")).await.is_ok());

    // Another machine opens the other session's code at once, over HTTP and websocket.
    let elsewhere = machine([127, 0, 0, 9]);
    assert_eq!(get(&elsewhere, other_code).await.status, 200);
    let mut ws =
        ws_from(&server, [127, 0, 0, 9], &format!("/ws/join/{other_code}?participant=p")).await.unwrap();
    assert_eq!(next_of(&mut ws, "hello").await["session"]["code"], other_code);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn join_lookups_are_generous_but_bounded_per_address() {
    let server = TestServer::start().await;
    let session = server.council().await;
    let code = session["code"].as_str().unwrap();
    let (join, path) = (server.url(&format!("/api/join/{code}")), format!("/ws/join/{code}"));
    let busy = machine([127, 0, 0, 10]);
    let started = Instant::now();
    // Page loads, and every tenth a phone socket's upgrade (a lookup too), until an upgrade too
    // is refused.
    let upgrade_refused = |a: &[Answer]| a.iter().skip(9).step_by(10).any(|a| a.status == 429);
    let answers = until(LOOKUP_BURST as usize + 3_000, upgrade_refused, |i| {
        let (server, busy, join, path) = (&server, &busy, join.clone(), path.clone());
        async move {
            if i % 10 != 9 {
                return answer(busy.get(join).send().await.expect("join")).await;
            }
            let status = ws_from(server, [127, 0, 0, 10], &path).await.err().unwrap_or(101);
            Answer {
                status,
                code: if status == 429 { "rate_limited".into() } else { String::new() },
                retry_after: None,
            }
        }
    })
    .await;
    let (ok, refused) = tally(&answers);
    assert!(ok >= LOOKUP_BURST as usize && ok <= at_most(LOOKUP_BURST, LOOKUP_PER_MINUTE, started), "{ok}");
    assert!(!refused.is_empty() && refused.iter().all(|r| r == "429 rate_limited"), "{refused:?}");
    assert!(upgrade_refused(&answers), "no socket upgrade was refused");
    // Another machine is not affected.
    assert!(ws_from(&server, [127, 0, 0, 11], &path).await.is_ok());
    assert_eq!(answer(machine([127, 0, 0, 11]).get(&join).send().await.unwrap()).await.status, 200);
}
