//! Reading articles: bytes to checked UTF-8 text, and the input format chosen by extension.

use std::path::Path;

use crate::error::{Error, Result};

/// Default per-file size limit (10 MB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// How an article's bytes are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`, no extension, anything else named explicitly).
    Text,
    /// Markdown (`.md`, `.markdown`).
    Markdown,
    /// HTML (`.html`, `.htm`).
    Html,
}

impl Format {
    /// The format for a path, by extension.
    pub fn from_path(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        Format::from_name(ext.as_deref().unwrap_or(""))
    }

    /// The format for an extension or format name (`md`, `markdown`, `html`, `htm`, `txt`...).
    pub fn from_name(name: &str) -> Format {
        match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            _ => Format::Text,
        }
    }

    /// True for extensions attrib picks up when walking a folder.
    pub fn is_article_extension(path: &Path) -> bool {
        matches!(
            path.extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_lowercase())
                .as_deref(),
            Some("txt" | "md" | "markdown" | "html" | "htm")
        )
    }
}

/// Turn raw bytes into text, refusing binary data and invalid UTF-8 with an error naming `path`.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Read at most `limit` bytes from `reader` (the input of `path`): the one bounded reader behind
/// articles, standard input and (through [`crate::yaml::read_file`]) rule files and configs.
/// It reads through `take(limit + 1)`, so a source that never ends (`/dev/zero`, a pipe fed
/// forever) stops one byte past the limit with [`Error::TooLarge`], whatever its metadata said.
pub fn read_bounded(path: &Path, reader: impl std::io::Read, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// What a path is when it is not a regular file, for the error that refuses it.
pub fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("is a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("is a named pipe (FIFO), not a file: pipe it to standard input (`-`)");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("is a device, not a file");
        }
        if t.is_socket() {
            return Some("is a socket, not a file");
        }
    }
    Some("is not a regular file")
}

/// Read a file as article text, with the size limit `max_size` in bytes.
///
/// Only regular files are read: a device (`/dev/zero`), a named pipe or a socket is refused from
/// its metadata before it is opened, so nothing blocks or reads without end. The size is checked
/// from the metadata first and enforced again while reading.
pub fn read_file(path: &Path, max_size: u64) -> Result<String> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(kind),
        });
    }
    if meta.len() > max_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: max_size,
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes = read_bounded(path, file, max_size)?;
    decode(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_name_the_offset() {
        let p = Path::new("x.txt");
        match decode(p, b"ab\xffcd".to_vec()) {
            Err(Error::NotUtf8 { offset, .. }) => assert_eq!(offset, 2),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode(p, b"a\0b".to_vec()),
            Err(Error::Binary { offset: 1, .. })
        ));
        assert_eq!(decode(p, b"fine".to_vec()).unwrap(), "fine");
    }

    #[test]
    fn reads_are_bounded_whatever_the_source_says() {
        let endless = std::io::repeat(b'a');
        match read_bounded(Path::new("-"), endless, 1000) {
            Err(Error::TooLarge { size, limit, .. }) => assert_eq!((size, limit), (1001, 1000)),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            read_bounded(Path::new("-"), &b"abc"[..], 3).unwrap(),
            b"abc"
        );
        #[cfg(unix)]
        {
            let e = read_file(Path::new("/dev/zero"), 1 << 20)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("/dev/zero") && e.contains("device"), "{e}");
        }
        let e = read_file(&std::env::temp_dir(), 1 << 20)
            .unwrap_err()
            .to_string();
        assert!(e.contains("directory"), "{e}");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("b.htm")), Format::Html);
        assert_eq!(Format::from_path(Path::new("README")), Format::Text);
    }
}
