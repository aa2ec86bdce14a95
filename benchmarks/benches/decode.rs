//! Decoding a 10,000-image list response: the generated types against a hand-written floor.
//!
//! The floor is the least a typed decode can do: a `#[derive(Deserialize)]` struct with plain
//! `String` fields where the generated types parse dates and enums. A third case tracks the path
//! as it decodes, which the runtime does only to report a failure. Run with
//! `cargo bench -p benchmarks --bench decode`; BENCHMARKS.md records the figures.

use digitalocean_images::types::AllImages;
use divan::black_box;
use serde::Deserialize;

fn main() {
    divan::main();
}

/// A list response of 10,000 images shaped like the API's, with the variety of a real one.
fn list_response() -> String {
    let distributions = ["Ubuntu", "Debian", "Fedora", "CentOS", "Rocky Linux", "Unknown OS"];
    let statuses = ["available", "pending", "NEW", "deleted"];
    let types = ["snapshot", "base", "custom", "backup", "admin"];
    let regions = ["nyc1", "nyc3", "ams3", "sfo3"];
    let tags = ["base-image", "prod"];
    let images: Vec<serde_json::Value> = (0..10_000u32)
        .map(|i| {
            let i = i as usize;
            serde_json::json!({
                "id": 7_555_620 + i,
                "created_at": format!("2020-05-{:02}T{:02}:23:02Z", 1 + i % 28, i % 24),
                "description": format!("Image number {i}, made for the decoding benchmark"),
                "distribution": distributions[i % distributions.len()],
                "error_message": "",
                "min_disk_size": 20 + i % 7,
                "name": format!("snapshot-{i}"),
                "public": i % 3 == 0,
                "regions": regions[..1 + i % 4],
                "size_gigabytes": 2.34 + (i % 100) as f64 / 10.0,
                "slug": if i % 2 == 0 { serde_json::Value::Null } else { format!("slug-{i}").into() },
                "status": statuses[i % statuses.len()],
                "tags": tags[..i % 3],
                "type": types[i % types.len()],
            })
        })
        .collect();
    serde_json::json!({
        "images": images,
        "links": {"pages": {"next": "https://api.digitalocean.com/v2/images?page=2&per_page=10000"}},
        "meta": {"total": 20_000},
    })
    .to_string()
}

#[derive(Deserialize)]
#[allow(dead_code)] // Fields are decoded, which is all the floor measures.
struct FloorPage {
    images: Vec<FloorImage>,
    links: Option<FloorLinks>,
    meta: FloorMeta,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct FloorImage {
    id: Option<i64>,
    created_at: Option<String>,
    description: Option<String>,
    distribution: Option<String>,
    error_message: Option<String>,
    min_disk_size: Option<i64>,
    name: Option<String>,
    public: Option<bool>,
    regions: Option<Vec<String>>,
    size_gigabytes: Option<f64>,
    slug: Option<String>,
    status: Option<String>,
    tags: Option<Vec<String>>,
    #[serde(rename = "type")]
    type_: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct FloorLinks {
    pages: Option<FloorPages>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct FloorPages {
    next: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct FloorMeta {
    total: i64,
}

#[divan::bench]
fn generated_types(bencher: divan::Bencher) {
    let body = list_response();
    let page: AllImages = serde_json::from_str(&body).expect("the generated types decode it");
    assert_eq!(page.images.len(), 10_000);
    bencher
        .counter(divan::counter::BytesCount::new(body.len()))
        .bench(|| serde_json::from_slice::<AllImages>(black_box(body.as_bytes())).unwrap());
}

/// The generated types decoded while tracking the path, as the runtime does only once a plain
/// decode has failed, to name where: what tracking every decode would cost.
#[divan::bench]
fn generated_types_path_tracked(bencher: divan::Bencher) {
    let body = list_response();
    bencher.counter(divan::counter::BytesCount::new(body.len())).bench(|| {
        let mut json = serde_json::Deserializer::from_slice(black_box(body.as_bytes()));
        serde_path_to_error::deserialize::<_, AllImages>(&mut json).unwrap()
    });
}

#[divan::bench]
fn floor_plain_strings(bencher: divan::Bencher) {
    let body = list_response();
    let page: FloorPage = serde_json::from_str(&body).expect("the floor decodes it");
    assert_eq!(page.images.len(), 10_000);
    bencher
        .counter(divan::counter::BytesCount::new(body.len()))
        .bench(|| serde_json::from_slice::<FloorPage>(black_box(body.as_bytes())).unwrap());
}
