//! The binary refuses an admin token that would lock the admin out or be easy to guess, on the
//! command line and in its environment twin, and says why before it opens anything.

mod common;

use std::process::Stdio;

use common::WAIT;
use tokio::process::Command;

/// Runs the binary with `args` and `env` and returns its exit success and stderr.
async fn refused(args: &[&str], env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("token.redb");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_inspel"));
    cmd.args(["--addr", "127.0.0.1:0", "--data", data.to_str().unwrap()])
        .args(args)
        .env_remove("INSPEL_ADMIN_TOKEN")
        .stdin(Stdio::null())
        .kill_on_drop(true);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = tokio::time::timeout(WAIT, cmd.output()).await.expect("exits in time").expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "started with {args:?} {env:?}: {stderr}");
    assert!(!data.exists(), "refused before it created the database");
    stderr
}

#[tokio::test]
async fn an_empty_or_short_admin_token_is_refused_with_a_reason() {
    let fifteen = "abcdefghijklmno";
    assert_eq!(fifteen.len(), 15);
    for (args, env) in [
        (vec!["--admin-token", ""], vec![]),
        (vec!["--admin-token", fifteen], vec![]),
        (vec![], vec![("INSPEL_ADMIN_TOKEN", "")]),
        (vec![], vec![("INSPEL_ADMIN_TOKEN", fifteen)]),
    ] {
        let stderr = refused(&args, &env).await;
        assert!(stderr.contains("--admin-token"), "names the option: {stderr}");
        assert!(stderr.contains("at least 16 characters"), "says what is needed: {stderr}");
        // The refused token itself is not echoed (it may be a near-miss of the real one).
        if !args.is_empty() {
            assert!(!stderr.contains(fifteen), "{stderr}");
        }
    }
}

#[tokio::test]
async fn an_admin_token_a_header_cannot_carry_is_refused() {
    for token in ["sixteen chars ok", "lösenordlösenord"] {
        let stderr = refused(&["--admin-token", token], &[]).await;
        assert!(stderr.contains("no spaces"), "{stderr}");
    }
}
