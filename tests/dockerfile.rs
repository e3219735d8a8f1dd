//! What can be checked of the Dockerfile without building it (CI has no Docker daemon): the
//! labels follow Cargo.toml, and the distroless runtime stage asks for no shell.

use std::path::Path;

fn dockerfile() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Dockerfile")).unwrap()
}

/// The instructions of the last stage, the image that ships, with continuation lines joined.
fn runtime_stage(text: &str) -> Vec<String> {
    let joined = text.replace("\\\n", " ");
    let lines: Vec<&str> =
        joined.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let last_from = lines.iter().rposition(|l| l.starts_with("FROM ")).expect("a FROM line");
    lines[last_from..].iter().map(|l| l.to_string()).collect()
}

#[test]
fn labels_follow_cargo_toml() {
    let text = dockerfile();
    let stage = runtime_stage(&text);
    let has = |needle: &str| stage.iter().any(|l| l.contains(needle));
    assert!(
        has(&format!("ARG VERSION={}", env!("CARGO_PKG_VERSION"))),
        "ARG VERSION is not Cargo.toml's version"
    );
    assert!(has(&format!("org.opencontainers.image.licenses=\"{}\"", env!("CARGO_PKG_LICENSE"))));
    assert!(has(&format!("org.opencontainers.image.description=\"{}\"", env!("CARGO_PKG_DESCRIPTION"))));
    for label in ["title", "source", "version"] {
        assert!(has(&format!("org.opencontainers.image.{label}=")), "no {label} label");
    }
}

#[test]
fn the_runtime_stage_needs_no_shell() {
    let stage = runtime_stage(&dockerfile());
    assert!(stage[0].contains("distroless"), "the runtime is distroless: {}", stage[0]);
    for line in &stage {
        assert!(!line.starts_with("RUN "), "a distroless image has no shell to RUN with: {line}");
        for exec in ["CMD", "ENTRYPOINT", "HEALTHCHECK"] {
            if line.starts_with(exec) && !line.contains("NONE") {
                let command = line.split_once(if exec == "HEALTHCHECK" { " CMD " } else { " " }).unwrap().1;
                assert!(command.trim_start().starts_with('['), "{exec} must use the exec form: {line}");
            }
        }
    }
    let has = |needle: &str| stage.iter().any(|l| l.starts_with(needle));
    assert!(has("USER 10001:10001"), "runs as the non-root user earlier images used");
    assert!(has("VOLUME [\"/data\"]") && has("HEALTHCHECK "));
}
