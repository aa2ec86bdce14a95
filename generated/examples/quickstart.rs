//! The README's usage example: a request body from its builder, a request spawned onto its own
//! task, every image through auto-pagination, retries, and error handling.

use std::time::Duration;

use digitalocean_images::{Client, Error, types};
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Error> {
    // The token comes from DIGITALOCEAN_TOKEN (or DIGITALOCEAN_ACCESS_TOKEN). GET, PUT and DELETE
    // requests are retried on timeouts, 408, 429, 500, 502, 503 and 504, honouring Retry-After.
    let client = Client::builder().token_from_env()?.max_retries(3).build()?;

    // A body takes its required fields in `new`, optional ones through setters. A request owns a
    // clone of the client (clones are cheap and share one connection pool), so it can be spawned.
    let body = types::ImageNewCustom::new(
        "ubuntu-24.04-minimal",
        "https://cloud-images.ubuntu.com/minimal/releases/noble/release/ubuntu-24.04-minimal-cloudimg-amd64.img",
        types::RegionSlug::Nyc3,
    )
    .distribution(types::Distribution::Ubuntu)
    .tags(["base-image"]);
    let import = tokio::spawn(client.images().create_custom(body).send());

    // `.items()` follows `links.pages.next` until the last page, 100 images per request.
    let mut images =
        client.images().list().type_(types::ImagesListType::Distribution).per_page(100).items();
    while let Some(image) = images.try_next().await? {
        println!("{:?}: {:?}", image.id, image.name);
    }

    // An image is named by its number or, for public images, by its slug. Options such as a
    // timeout can be set per request; `.idempotent(true)` would let even a POST be retried.
    let ubuntu =
        client.images().get("ubuntu-24-04-x64").timeout(Duration::from_secs(5)).send().await;
    match ubuntu {
        Ok(found) => println!("{:?}", found.image.distribution),
        Err(error) if error.is_not_found() => {
            eprintln!("no such image (request {})", error.request_id().unwrap_or("without an id"));
        }
        Err(error) => match error.api_error() {
            Some(body) => eprintln!(
                "{:?} after {:?} attempt(s): {} ({})",
                error.status(),
                error.attempts(),
                body.message,
                body.id
            ),
            None => return Err(error),
        },
    }
    let imported = import.await.expect("the import task did not panic")?;
    println!("importing image {:?}", imported.image.id);
    if let Some(limit) = client.last_rate_limit() {
        println!("{} of {} requests left", limit.remaining, limit.limit);
    }
    Ok(())
}
