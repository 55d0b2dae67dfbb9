//! How the institution's pages look: its name, an accent colour and a logo, kept in the
//! settings table. Each is checked here, where it is made, so a page can use it as it is: a
//! [`Colour`] is always `#rrggbb` with a contrast against white that text can use, and a
//! [`Logo`] is always a PNG, JPEG or script-free SVG of at most [`Logo::MAX_BYTES`].

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::model::text::quoted;

/// The least contrast text needs against its background (WCAG 2.2 AA, 1.4.3).
pub const TEXT_CONTRAST: f64 = 4.5;

/// An sRGB colour, `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    pub const WHITE: Colour = Colour([0xff, 0xff, 0xff]);

    /// The accent pages use when none is set: a dark blue, 8.1:1 against white.
    pub const DEFAULT_ACCENT: Colour = Colour([0x1d, 0x4f, 0x91]);

    /// Relative luminance (WCAG 2.2's definition), 0 for black to 1 for white.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// The contrast ratio between two colours, 1 (none) to 21 (black on white).
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// An accent colour: `#rrggbb` whose contrast against white is enough for text.
    ///
    /// Errors: `Invalid` for anything that is not `#rrggbb`, or a colour too light, naming
    /// its contrast (rounded down, so a refused colour never reads as 4.5:1).
    pub fn accent(text: &str) -> Result<Colour> {
        let colour: Colour = text.parse()?;
        let ratio = colour.contrast(Colour::WHITE);
        if ratio < TEXT_CONTRAST {
            let shown = (ratio * 10.0).floor() / 10.0;
            return Err(Error::Invalid(format!(
                "accent {colour} has a contrast of {shown:.1}:1 against white; text needs at least 4.5:1, so pick a darker colour, e.g. {}",
                Colour::DEFAULT_ACCENT
            )));
        }
        Ok(colour)
    }
}

impl FromStr for Colour {
    type Err = Error;

    /// Reads `#rrggbb` (hex digits in either case).
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::Invalid(format!("colour {} is not #rrggbb, e.g. #1d4f91", quoted(s)));
        let hex = s.trim().strip_prefix('#').ok_or_else(bad)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
        Ok(Colour([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl fmt::Display for Colour {
    /// `#1d4f91`: lower case, always six digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// The kinds of image a logo may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Svg,
}

impl ImageKind {
    /// The media type, as a data: URI names it.
    pub fn media_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Svg => "image/svg+xml",
        }
    }

    /// The kind of image `bytes` hold, judged by their first bytes, not a file's name.
    fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(ImageKind::Png);
        }
        if bytes.starts_with(b"\xff\xd8\xff") {
            return Some(ImageKind::Jpeg);
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let text = text.trim_start_matches('\u{feff}').trim_start();
        (text.starts_with("<svg") || text.starts_with("<?xml")).then_some(ImageKind::Svg)
    }
}

/// A logo, ready to embed in a page as a data: URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    kind: ImageKind,
    /// `data:image/png;base64,...`.
    uri: String,
}

impl Logo {
    /// The largest logo accepted: 1 MB (1,048,576 bytes); a page carries it whole.
    pub const MAX_BYTES: usize = 1 << 20;

    /// A logo from the bytes of an image file: a PNG or JPEG (by their magic bytes), or an
    /// SVG with no script in it. `name` names the file in messages.
    ///
    /// Errors: `Invalid` for an empty file, one over 1 MB, one of another kind, or an SVG
    /// with a script, a `javascript:` link or an event attribute (`onload=`).
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Logo> {
        let file = quoted(name);
        if bytes.is_empty() {
            return Err(Error::Invalid(format!("the logo {file} is empty")));
        }
        if bytes.len() > Logo::MAX_BYTES {
            return Err(Error::Invalid(format!(
                "the logo {file} is {} bytes, over the 1 MB (1,048,576 bytes) a page can carry; make it smaller",
                bytes.len()
            )));
        }
        let kind = ImageKind::sniff(bytes).ok_or_else(|| {
            Error::Invalid(format!(
                "the logo {file} is not a PNG, JPEG or SVG image; save it as one of those"
            ))
        })?;
        if kind == ImageKind::Svg
            && let Some(what) = unsafe_svg(bytes)
        {
            return Err(Error::Invalid(format!(
                "the logo {file} is an SVG with {what}; save it without, or as a PNG"
            )));
        }
        Ok(Logo {
            kind,
            uri: format!("data:{};base64,{}", kind.media_type(), base64(bytes)),
        })
    }

    /// A logo as the settings table keeps it: its data: URI.
    ///
    /// Errors: `BadDatabase` when the text is not a data: URI of a kind a logo may be.
    pub fn from_uri(uri: &str) -> Result<Logo> {
        let bad = || {
            Error::BadDatabase(
                "the logo in the settings is damaged; set it again with spm settings set logo FILE"
                    .into(),
            )
        };
        let (head, data) = uri.split_once(',').ok_or_else(bad)?;
        let kind = [ImageKind::Png, ImageKind::Jpeg, ImageKind::Svg]
            .into_iter()
            .find(|k| head == format!("data:{};base64", k.media_type()))
            .ok_or_else(bad)?;
        let base64_text = data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
        if data.is_empty() || !base64_text {
            return Err(bad());
        }
        Ok(Logo {
            kind,
            uri: uri.to_string(),
        })
    }

    /// What kind of image it is.
    pub fn kind(&self) -> ImageKind {
        self.kind
    }

    /// The data: URI a page embeds.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// The size of the image, in bytes.
    pub fn bytes(&self) -> usize {
        let data = self.uri.split_once(',').map_or("", |(_, d)| d);
        let padding = data.bytes().rev().take_while(|b| *b == b'=').count();
        (data.len() / 4 * 3).saturating_sub(padding)
    }
}

/// What makes an SVG unsafe to embed, if anything: a script, a `javascript:` link, or an
/// event attribute such as `onload=`. An image shown by `<img>` runs none of them, but a
/// logo someone saves and opens on its own would.
fn unsafe_svg(bytes: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    if text.contains("<script") {
        return Some("a script in it");
    }
    if text.contains("javascript:") {
        return Some("a javascript: link in it");
    }
    // ` onload=`, `\tonclick =`: an attribute whose name starts "on" after white space.
    let b = text.as_bytes();
    for (i, w) in b.windows(2).enumerate() {
        let after_space = i > 0 && b[i - 1].is_ascii_whitespace();
        if w == b"on" && after_space {
            let name_end = b[i..]
                .iter()
                .position(|c| !c.is_ascii_alphabetic())
                .map_or(b.len(), |n| i + n);
            let rest = b[name_end..].iter().find(|c| !c.is_ascii_whitespace());
            if name_end > i + 2 && rest == Some(&b'=') {
                return Some("an event attribute (such as onload=) in it");
            }
        }
    }
    None
}

/// Standard base64 with padding (RFC 4648 section 4), as a data: URI carries bytes.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// How the institution's pages look: each part optional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Look {
    /// The institution's name, shown at the top of every page.
    pub institution: Option<String>,
    /// The accent colour of headings and the page's band; the default when `None`.
    pub accent: Option<Colour>,
    pub logo: Option<Logo>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let black = Colour([0, 0, 0]);
        assert!((black.contrast(Colour::WHITE) - 21.0).abs() < 1e-9);
        assert!((Colour::WHITE.contrast(Colour::WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey with 4.5:1 on white; #777777 falls just short.
        assert!(Colour([0x76; 3]).contrast(Colour::WHITE) >= 4.5);
        assert!(Colour([0x77; 3]).contrast(Colour::WHITE) < 4.5);
        assert!(Colour::DEFAULT_ACCENT.contrast(Colour::WHITE) > 8.0);
    }

    #[test]
    fn an_accent_is_rrggbb_dark_enough_for_text() -> anyhow::Result<()> {
        assert_eq!(Colour::accent("#1D4F91")?.to_string(), "#1d4f91");
        assert_eq!(Colour::accent(" #767676 ")?, Colour([0x76; 3]));
        let refused = |s: &str| Colour::accent(s).err().map(|e| e.to_string());
        assert_eq!(
            refused("#ffcc00").as_deref(),
            Some(
                "accent #ffcc00 has a contrast of 1.5:1 against white; text needs at least 4.5:1, so pick a darker colour, e.g. #1d4f91"
            )
        );
        assert!(refused("#777777").is_some_and(|e| e.contains("4.4:1")));
        for bad in ["1d4f91", "#1d4f9", "#1d4f911", "#1d4g91", "blue", "", "#"] {
            assert_eq!(
                refused(bad),
                Some(format!(
                    "colour {} is not #rrggbb, e.g. #1d4f91",
                    quoted(bad)
                )),
                "{bad}"
            );
        }
        Ok(())
    }

    #[test]
    fn base64_matches_rfc_4648() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn a_logo_is_known_by_its_first_bytes() -> anyhow::Result<()> {
        let png = Logo::from_bytes("logo.txt", PNG)?;
        assert_eq!(png.kind(), ImageKind::Png);
        assert!(png.uri().starts_with("data:image/png;base64,iVBORw0KGgo"));
        assert_eq!(png.bytes(), PNG.len());
        assert_eq!(Logo::from_uri(png.uri())?, png);
        let jpeg = Logo::from_bytes("logo.png", b"\xff\xd8\xff\xe0rest")?;
        assert_eq!(jpeg.kind(), ImageKind::Jpeg);
        let svg = b"\xef\xbb\xbf\n<svg viewBox=\"0 0 1 1\"><title>Crest</title></svg>";
        assert_eq!(Logo::from_bytes("crest.svg", svg)?.kind(), ImageKind::Svg);
        let xml = b"<?xml version=\"1.0\"?><svg><rect width=\"1\" height=\"1\"/></svg>";
        assert_eq!(Logo::from_bytes("crest.svg", xml)?.kind(), ImageKind::Svg);
        Ok(())
    }

    #[test]
    fn a_logo_that_is_not_safe_is_refused() {
        let refused = |bytes: &[u8]| {
            Logo::from_bytes("x", bytes)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(refused(b"").contains("is empty"));
        assert!(refused(b"GIF89a").contains("not a PNG, JPEG or SVG"));
        assert!(refused(b"<html><svg></svg></html>").contains("not a PNG, JPEG or SVG"));
        let mut big = PNG.to_vec();
        big.resize(Logo::MAX_BYTES + 1, 0);
        assert!(refused(&big).contains("over the 1 MB"));
        big.truncate(Logo::MAX_BYTES);
        assert!(Logo::from_bytes("x", &big).is_ok());
        assert!(refused(b"<svg><SCRIPT>alert(1)</SCRIPT></svg>").contains("a script"));
        assert!(refused(b"<svg><a href=\"JavaScript:x\">a</a></svg>").contains("javascript:"));
        assert!(refused(b"<svg onload=\"x()\"></svg>").contains("event attribute"));
        assert!(refused(b"<svg><rect\n\tonclick = 'x'/></svg>").contains("event attribute"));
        // Words that begin "on" are not attributes; the check errs on the safe side only
        // where a word is followed by "=".
        assert!(
            Logo::from_bytes("x", b"<svg><g id=\"one\"><title>on only</title></g></svg>").is_ok()
        );
        assert!(refused(b"<svg><text> one=two</text></svg>").contains("event attribute"));
    }

    #[test]
    fn a_damaged_logo_setting_is_said_to_be() {
        for bad in [
            "",
            "data:image/gif;base64,R0lG",
            "data:image/png;base64,",
            "data:image/png;base64,iVBO\"><script>",
            "data:image/png,iVBO",
        ] {
            assert!(
                matches!(Logo::from_uri(bad), Err(Error::BadDatabase(_))),
                "{bad}"
            );
        }
    }
}
