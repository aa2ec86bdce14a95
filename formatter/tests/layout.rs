//! How the shapes generated code has are laid out, each written out by hand as rustfmt (with
//! the repository's `use_small_heuristics = "Max"`) would lay it out.

use quote::quote;

fn format(tokens: proc_macro2::TokenStream) -> String {
    formatter::format(tokens)
}

#[test]
fn items_take_a_line_each_and_fields_a_line_each() {
    let tokens = quote! {
        #[doc = " A pet."]
        #[derive(Debug, Clone)]
        pub struct Pet<'a> { pub name: &'a str, pub tags: Vec<Option<Vec<String>>>, }
        impl<'a> Pet<'a> { pub fn name(&self) -> &str { self.name } }
        pub const MAX: usize = 3;
    };
    let expected = "\
/// A pet.
#[derive(Debug, Clone)]
pub struct Pet<'a> {
    pub name: &'a str,
    pub tags: Vec<Option<Vec<String>>>,
}
impl<'a> Pet<'a> {
    pub fn name(&self) -> &str {
        self.name
    }
}
pub const MAX: usize = 3;
";
    assert_eq!(format(tokens), expected);
}

#[test]
fn a_list_that_does_not_fit_takes_a_line_per_element_and_a_trailing_comma() {
    let tokens = quote! {
        fn f() {
            let x = call(first_argument_of_some_length, second_argument_of_some_length, third_argument_that_overflows);
            let y = call(a, b,);
            Some(Value { alpha: one_long_expression_here, beta: another_long_expression_there })
        }
    };
    let expected = "\
fn f() {
    let x = call(
        first_argument_of_some_length,
        second_argument_of_some_length,
        third_argument_that_overflows,
    );
    let y = call(a, b);
    Some(Value {
        alpha: one_long_expression_here,
        beta: another_long_expression_there,
    })
}
";
    assert_eq!(format(tokens), expected);
}

#[test]
fn arms_conditions_and_closures() {
    let tokens = quote! {
        fn f(x: u8) -> u8 {
            match x { 0 => { a(); } 1 | 2 if x > 1 => x * 2, _ => -x, }
            if let Some(y) = g(|a, b| a && !b) { return y; } else { h() }
            let s = &mut *x;
            let f = || x >> 1;
        }
    };
    let expected = "\
fn f(x: u8) -> u8 {
    match x {
        0 => {
            a();
        }
        1 | 2 if x > 1 => x * 2,
        _ => -x,
    }
    if let Some(y) = g(|a, b| a && !b) {
        return y;
    } else {
        h()
    }
    let s = &mut *x;
    let f = || x >> 1;
}
";
    assert_eq!(format(tokens), expected);
}

#[test]
fn a_long_chain_of_calls_takes_a_line_per_call() {
    let tokens = quote! {
        fn f() {
            let request = builder.method(first_argument).header(name, value).query(key, other).timeout(duration).build()?;
            let short = a.b().c();
        }
    };
    let expected = "\
fn f() {
    let request = builder
        .method(first_argument)
        .header(name, value)
        .query(key, other)
        .timeout(duration)
        .build()?;
    let short = a.b().c();
}
";
    assert_eq!(format(tokens), expected);
}

#[test]
fn a_doc_a_comment_could_not_carry_stays_an_attribute() {
    let two_lines = " two\nlines";
    let tokens = quote! {
        #![doc = " Inner."]
        #[doc = #two_lines]
        #[doc = "/ a slash"]
        fn f() {}
    };
    let expected = "\
//! Inner.
#[doc = \" two\\nlines\"]
#[doc = \"/ a slash\"]
fn f() {}
";
    assert_eq!(format(tokens), expected);
}

#[test]
fn a_doc_attribute_takes_a_line_of_its_own_even_in_a_short_list() {
    let two_lines = " two\nlines";
    let tokens = quote! { enum E { #[doc = #two_lines] A } };
    assert_eq!(format(tokens), "enum E {\n    #[doc = \" two\\nlines\"]\n    A\n}\n");
    let tokens = quote! { const X: S = S { #[doc = #two_lines] a: 1 }; };
    assert_eq!(format(tokens), "const X: S = S {\n    #[doc = \" two\\nlines\"]\n    a: 1\n};\n");
}

#[test]
fn punctuation_that_would_lex_as_one_token_is_kept_apart() {
    // `&` then `&x`, and `<` then `-`, each written apart: together they are `&&` and `<-`.
    let tokens: proc_macro2::TokenStream = "fn f() { g(& &x, a < -b); }".parse().unwrap();
    assert_eq!(format(tokens), "fn f() {\n    g(& &x, a < -b);\n}\n");
}
