//! The generated README's usage example, which is also the crate docs' and so a doctest: a
//! request body built from the spec's example with its constructor and setters, that request
//! spawned onto tokio (a request owns its client), and a paged list walked with `.items()`,
//! which needs no pinning. What the spec does not have (no body with an example, no paged list)
//! is left out; with neither, the example makes the first plain call.

use super::operations::call;
use crate::model::{Api, Operation, ParamLocation, Success, TypeRef};

/// The body of the example function, after the client is made; each line indented by four.
pub fn usage(api: &Api, lib: &str) -> String {
    let operations = || {
        let all =
            api.groups.iter().flat_map(|group| group.operations.iter().map(move |op| (group, op)));
        all.filter(|(_, op)| !op.deprecated)
    };
    let spawned = operations().find_map(|(group, op)| {
        let body = super::doc_example::body(lib, api, op)?;
        Some((body, call(group, op, &positional_args(op)?, true)))
    });
    let walked = operations().find_map(|(group, op)| {
        op.pagination.as_ref()?;
        Some(call(group, op, &positional_args(op)?, false))
    });
    let mut text = String::new();
    if let Some((body, call)) = &spawned {
        let body = body.replace('\n', "\n    ");
        text.push_str(&format!(
            "    // A body from its constructor and setters. A request owns a clone of the client,\n    \
             // so it can be spawned onto another task.\n    \
             let body = {body};\n    \
             let spawned = tokio::spawn({call}.send());\n"
        ));
    }
    if let Some(call) = &walked {
        text.push_str(&format!(
            "    // Every item of every page, fetched as the stream is polled, which needs no pinning.\n    \
             let mut items = {call}.items();\n    \
             while let Some(item) = futures::TryStreamExt::try_next(&mut items).await? {{\n        \
             println!(\"{{item:?}}\");\n    \
             }}\n"
        ));
    }
    if spawned.is_some() {
        text.push_str(
            "    let answer = spawned.await.expect(\"the request's task did not panic\")?;\n    \
             println!(\"{answer:?}\");\n",
        );
    }
    if text.is_empty() {
        let plain = operations().find_map(|(group, op)| {
            // A call needs no body when it has none or may leave it out.
            (op.body.is_none() || !op.body_required).then_some(())?;
            Some((call(group, op, &positional_args(op)?, false), &op.success))
        });
        if let Some((call, success)) = plain {
            text = match success {
                Success::None => format!("    {call}.send().await?;\n"),
                _ => format!(
                    "    let response = {call}.send().await?;\n    println!(\"{{response:?}}\");\n"
                ),
            };
        }
    }
    text
}

/// Literal values for the operation's positional parameters, if each is a number or a string.
fn positional_args(op: &Operation) -> Option<Vec<String>> {
    op.params
        .iter()
        .filter(|param| param.is_positional())
        .map(|param| match (&param.ty, &param.location) {
            (TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64, _) => Some("1".into()),
            (TypeRef::String, ParamLocation::Path | ParamLocation::Query) => {
                Some("\"example\"".into())
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::usage;

    fn api(spec: &str) -> crate::model::Api {
        crate::lower::lowered("t.yaml", spec)
    }

    /// What the issue asked of the README: a body from its builder, a request spawned onto
    /// tokio, `.items()` walked without `pin!` (the doctest of `generated/` compiles it).
    #[test]
    fn the_images_example_builds_a_body_spawns_it_and_walks_items() {
        let text = usage(&api(include_str!("../../../spec/images.yaml")), "do_images");
        let built = "let body = do_images::types::ImageNewCustom::new(\"ubuntu-18.04-minimal\"";
        assert!(text.contains(built), "{text}");
        assert!(text.contains(".tags([\"base-image\", \"prod\"]);"), "{text}");
        let spawned = "tokio::spawn(client.images().create_custom(body).send())";
        assert!(text.contains(spawned), "{text}");
        assert!(text.contains("let mut items = client.images().list().items();"), "{text}");
        assert!(!text.contains("pin!("), "{text}");
    }

    #[test]
    fn without_a_body_or_a_paged_list_the_example_makes_a_plain_call() {
        let spec = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    get:
      tags: [pets]
      operationId: get
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: string}}}}}
"#;
        let text = usage(&api(spec), "t");
        assert_eq!(
            text,
            "    let response = client.pets().get(1).send().await?;\n    println!(\"{response:?}\");\n"
        );
    }
}
