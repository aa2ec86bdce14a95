//! Reading a file that must be a regular file, with a size cap, without ever blocking on a FIFO
//! or growing memory on a device such as `/dev/zero`.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// The most one read takes: a spec and all the files it refers to together, or one file of the
/// output directory. DigitalOcean's whole API is a few MiB.
pub const MAX_BYTES: u64 = 64 << 20;

/// The bytes of the regular file at `path` (links followed: callers check where it resolves to),
/// refusing one larger than `cap` with "too large: `limit`".
///
/// The type is checked before opening, so a FIFO or device is normally never opened; since it
/// could be swapped in between, the file is also opened non-blocking (which a regular file
/// ignores) and the type of what was opened is checked again.
pub fn regular(path: &Path, cap: u64, limit: &str) -> io::Result<Vec<u8>> {
    refuse_unless_regular(&fs::metadata(path)?)?;
    let file = open_without_blocking(path)?;
    let metadata = file.metadata()?;
    refuse_unless_regular(&metadata)?;
    if metadata.len() > cap {
        return Err(too_large(limit));
    }
    capped(file, cap, limit)
}

/// At most `cap` bytes from `reader`, or an error if it holds more; reads at most `cap + 1`.
pub fn capped(reader: impl Read, cap: u64, limit: &str) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn too_large(limit: &str) -> io::Error {
    io::Error::other(format!("too large: {limit}"))
}

fn refuse_unless_regular(metadata: &fs::Metadata) -> io::Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    Err(io::Error::other(format!("it is {}, not a regular file", kind(metadata))))
}

/// What a file that is not a regular one is, in words.
fn kind(metadata: &fs::Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}
