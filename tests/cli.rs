//! The `chaff` command line as a user meets it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn chaff(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn chaff");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().expect("chaff output")
}

fn seed() -> String {
    fixture("tests/fixtures/seed/news-aggregator-article.html")
}

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chaff-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn extract_prints_the_article_without_chrome() {
    let o = chaff(&["extract", &seed()], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let body = text(&o);
    assert!(body.contains("Iran will not abandon plans to avenge"));
    assert!(body.contains("will not go unpunished"));
    for chrome in [
        "Sign up to read this article",
        "Download the app",
        "Our Picks",
        "Related Stories",
    ] {
        assert!(!body.contains(chrome), "extract kept {chrome:?}");
    }
}

#[test]
fn extract_formats() {
    let json: serde_json::Value =
        serde_json::from_slice(&chaff(&["extract", "--format", "json", &seed()], None).stdout)
            .unwrap();
    assert!(json["title"]
        .as_str()
        .unwrap()
        .contains("Revolutionary Guards"));
    assert!(json["articleBody"]
        .as_str()
        .unwrap()
        .contains("Khatibzadeh"));
    let md = text(&chaff(&["extract", "-f", "markdown", &seed()], None));
    assert!(md.starts_with("# "), "{md}");
    let html = text(&chaff(&["extract", "--format=html", &seed()], None));
    assert!(html.contains("<p") && html.contains("Khatibzadeh"));
    let o = chaff(&["extract", "--format", "yaml", &seed()], None);
    assert_eq!(o.status.code(), Some(2));
    // clap's wording of a bad value (it was "--format must be one of ...").
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("invalid value 'yaml' for '--format"), "{err}");
    assert!(err.contains("text, json, markdown, html, jsonl"), "{err}");
}

#[test]
fn several_files_give_one_json_line_each_in_order() {
    let other = fixture("tests/fixtures/labelled/de-paywall-plus-artikel.html");
    let o = chaff(&["extract", &seed(), &other], None);
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = text(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], seed());
    assert_eq!(lines[1]["file"], other);
    for line in &lines {
        for key in ["title", "byline", "articleBody"] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
    }
}

#[test]
fn standard_input_is_a_file_named_dash() {
    let html = std::fs::read(seed()).unwrap();
    let o = chaff(&["extract", "--format", "jsonl", "-"], Some(&html));
    let v: serde_json::Value = serde_json::from_str(text(&o).trim()).unwrap();
    assert_eq!(v["file"], "-");
    assert!(v["articleBody"].as_str().unwrap().contains("Iran"));
}

#[test]
fn bad_input_gets_a_clear_error_and_a_status() {
    let o = chaff(&["extract", "/no/such/page.html"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot read /no/such/page.html: No such file")
    );

    let noise: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let o = chaff(
        &["extract", temp("noise.bin", &noise).to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("binary data"));

    let o = chaff(
        &["extract", temp("empty.html", b"").to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no article found"));

    let o = chaff(&["frobnicate"], None);
    assert_eq!(o.status.code(), Some(2));
    let o = chaff(&[], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn one_bad_file_in_a_batch_does_not_stop_the_others() {
    let o = chaff(&["extract", "/no/such.html", &seed()], None);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = text(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines[0]["error"].as_str().unwrap().contains("cannot read"));
    assert!(lines[1]["articleBody"].as_str().unwrap().contains("Iran"));
}

#[test]
fn legacy_charsets_decode() {
    let mut page =
        b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><article>"
            .to_vec();
    for _ in 0..8 {
        page.extend_from_slice(b"<p>Le caf\xe9 est servi chaud, avec une cr\xe8me l\xe9g\xe8re, dans toutes les brasseries du quartier depuis des ann\xe9es.</p>");
    }
    page.extend_from_slice(b"</article></body></html>");
    let o = chaff(
        &["extract", temp("latin.html", &page).to_str().unwrap()],
        None,
    );
    assert!(
        text(&o).contains("Le café est servi chaud, avec une crème légère"),
        "{}",
        text(&o)
    );

    let unicode: String = page
        .iter()
        .map(|&b| {
            if b == 0xe9 {
                'é'
            } else if b == 0xe8 {
                'è'
            } else {
                b as char
            }
        })
        .collect();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(unicode.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let o = chaff(
        &["extract", temp("utf16.html", &utf16).to_str().unwrap()],
        None,
    );
    assert!(
        text(&o).contains("Le café est servi chaud, avec une crème légère"),
        "{}",
        text(&o)
    );
}

#[test]
fn classify_lists_labels_with_reasons() {
    let o = chaff(&["classify", &seed()], None);
    let table = text(&o);
    assert!(table.lines().next().unwrap().contains("label"));
    assert!(
        table.contains("paywall") && table.contains("app-promo") && table.contains("link-farm")
    );
    let json: serde_json::Value =
        serde_json::from_slice(&chaff(&["classify", "--format", "json", &seed()], None).stdout)
            .unwrap();
    let blocks = json["blocks"].as_array().unwrap();
    assert!(blocks
        .iter()
        .all(|b| b["reason"].as_str().is_some_and(|r| !r.is_empty())));
    assert!(json["counts"]["link-farm"].as_u64().unwrap() >= 3);
}

#[test]
fn clean_drops_chrome_and_scripts_and_keeps_the_rest() {
    let out = temp("clean.html", b"");
    let o = chaff(&["clean", "-o", out.to_str().unwrap(), &seed()], None);
    assert!(o.status.success());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Iran will not abandon plans") && html.contains("<figcaption"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("Sign up to read this article") && !html.contains("Download the app"));
    let kept = text(&chaff(&["clean", "--hide", "ad", &seed()], None));
    assert!(kept.contains("Sign up to read this article"));
    assert_eq!(
        chaff(&["clean", "--hide", "banana", &seed()], None)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn eval_scores_a_benchmark_folder() {
    let dir = std::env::temp_dir().join(format!("chaff-eval-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("html")).unwrap();
    std::fs::copy(seed(), dir.join("html/seed.html")).unwrap();
    let body = serde_json::from_slice::<serde_json::Value>(
        &chaff(&["extract", "--format", "json", &seed()], None).stdout,
    )
    .unwrap()["articleBody"]
        .clone();
    std::fs::write(
        dir.join("ground-truth.json"),
        serde_json::json!({"seed": {"articleBody": body}}).to_string(),
    )
    .unwrap();
    let o = chaff(&["eval", dir.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        text(&o).lines().last().unwrap(),
        "F1=1.000 precision=1.000 recall=1.000 pages=1"
    );
    let o = chaff(&["eval", "/no/such/dir"], None);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn every_command_has_help_and_the_exit_statuses() {
    for command in ["extract", "classify", "clean", "eval", "completions"] {
        let o = chaff(&[command, "--help"], None);
        assert!(o.status.success(), "{command} --help: {:?}", o.status);
        let help = text(&o);
        assert!(help.contains(&format!("Usage: chaff {command}")), "{help}");
        if command != "completions" {
            assert!(
                help.contains("Exit status:") && help.contains("2  bad usage"),
                "{help}"
            );
        }
    }
    let help = text(&chaff(&["--help"], None));
    for line in [
        "extract",
        "classify",
        "clean",
        "eval",
        "completions",
        "3  extract found no article",
    ] {
        assert!(help.contains(line), "{line} missing in {help}");
    }
    let o = chaff(&["help", "extract"], None);
    assert!(o.status.success() && text(&o).contains("--format"));
}

#[test]
fn version_prints_the_crate_version() {
    for flag in ["--version", "-V"] {
        let o = chaff(&[flag], None);
        assert!(o.status.success());
        assert_eq!(
            text(&o).trim(),
            format!("chaff {}", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    for (shell, marker) in [
        ("bash", "complete -F _chaff"),
        ("zsh", "#compdef chaff"),
        ("fish", "complete -c chaff"),
    ] {
        let o = chaff(&["completions", shell], None);
        assert!(o.status.success(), "{shell}");
        let script = text(&o);
        assert!(script.contains(marker), "{shell}: {marker} missing");
        for word in ["extract", "classify", "format", "url", "markdown"] {
            assert!(script.contains(word), "{shell}: {word} missing");
        }
    }
    assert_eq!(chaff(&["completions", "tcsh"], None).status.code(), Some(2));
}

#[test]
fn url_makes_relative_links_absolute_in_extract_and_clean() {
    let mut page = String::from(
        "<html><head><title>Harbour bridge reopens after eight months</title></head><body><article>",
    );
    for _ in 0..6 {
        page.push_str("<p>The harbour bridge reopened on Monday after eight months of repairs, and the first buses crossed it at dawn while commuters watched from the quay.</p>");
    }
    page.push_str("<p>See <a href=\"/maps/bridge\">the map</a> and <img src=\"img/b.jpg\" alt=\"B\" srcset=\"img/b2.jpg 2x\"> or <a href=\"#c\">corrections</a>.</p></article></body></html>");
    let file = temp("links.html", page.as_bytes());
    let file = file.to_str().unwrap();
    let url = "https://gazette.example/news/2024/bridge.html";

    let md = text(&chaff(
        &["extract", "-f", "markdown", "--url", url, file],
        None,
    ));
    assert!(
        md.contains("[the map](https://gazette.example/maps/bridge)"),
        "{md}"
    );
    assert!(
        md.contains("![B](https://gazette.example/news/2024/img/b.jpg)"),
        "{md}"
    );
    let md = text(&chaff(&["extract", "-f", "markdown", file], None));
    assert!(md.contains("[the map](/maps/bridge)"), "{md}");

    let html = text(&chaff(
        &["extract", "--format", "html", &format!("--url={url}"), file],
        None,
    ));
    assert!(
        html.contains("href=\"https://gazette.example/maps/bridge\""),
        "{html}"
    );
    assert!(
        html.contains("srcset=\"https://gazette.example/news/2024/img/b2.jpg 2x\""),
        "{html}"
    );
    assert!(html.contains("href=\"#c\""), "{html}");

    let cleaned = text(&chaff(&["clean", "--url", url, file], None));
    assert!(
        cleaned.contains("src=\"https://gazette.example/news/2024/img/b.jpg\""),
        "{cleaned}"
    );

    let o = chaff(&["extract", "--url", "not a url", file], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not an absolute URL"));
}

#[test]
fn captions_are_left_out_of_the_article_unless_asked_for() {
    let paragraph = "The harbour reopened on Monday after three weeks of repairs to the sea wall, which storms had breached twice this winter, and the first ferries sailed at dawn with a full load of passengers and freight.";
    let page = format!(
        "<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>\
         <p>{paragraph}</p><figure><img src=\"h.jpg\"><figcaption>Ferries at the quay at dawn</figcaption></figure>\
         <div class=\"gallery\"><span>Image 1 of 8</span><button>Next</button></div>\
         <p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    );
    let file = temp("captions.html", page.as_bytes());
    let file = file.to_str().unwrap();
    let without = text(&chaff(&["extract", file], None));
    let with = text(&chaff(&["extract", "--captions", file], None));
    assert!(without.contains("The harbour reopened"), "{without}");
    assert!(!without.contains("Ferries at the quay"), "{without}");
    assert!(with.contains("Ferries at the quay at dawn"), "{with}");
    for out in [&without, &with] {
        assert!(!out.contains("Image 1 of 8"), "{out}");
    }
}
