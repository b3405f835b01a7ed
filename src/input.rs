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

/// Read a file as article text, with the size limit `max_size` in bytes.
pub fn read_file(path: &Path, max_size: u64) -> Result<String> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("is a directory"),
        });
    }
    if meta.len() > max_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: max_size,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
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
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("b.htm")), Format::Html);
        assert_eq!(Format::from_path(Path::new("README")), Format::Text);
    }
}
