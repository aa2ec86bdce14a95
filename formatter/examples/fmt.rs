//! Formats a Rust file given on the command line, for trying the layout by hand.
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let text = std::fs::read_to_string(path).expect("readable");
    print!("{}", formatter::format(text.parse().expect("lexes")));
}
