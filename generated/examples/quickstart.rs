//! The README's usage example: list images, fetch one by slug or id, and handle an API error.

use digitalocean_images::{types, Client, Error};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let token = std::env::var("DIGITALOCEAN_TOKEN").unwrap_or_default();
    let client = Client::new(token)?;

    // Optional query parameters are builder methods.
    let page = client
        .images()
        .list()
        .type_(types::ImagesListType::Distribution)
        .per_page(5)
        .send()
        .await?;
    for image in &page.images {
        println!("{:?}: {:?}", image.id, image.name);
    }

    // An image is named by its number or, for public images, by its slug.
    let ubuntu = client.images().get("ubuntu-24-04-x64").send().await?.image;
    println!("{:?}", ubuntu.distribution);

    match client.images().get(7555620).send().await {
        Ok(found) => println!("{:?}", found.image.status),
        Err(Error::Api { status, body }) => eprintln!("{status}: {} ({})", body.message, body.id),
        Err(other) => return Err(other),
    }
    Ok(())
}
