//! The enrolment QR code as inline SVG: one path of dark squares on a white
//! field with the quiet zone the standard asks for. No image file, no
//! script, nothing the content security policy has to allow.

use std::fmt::Write;

use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of white around the code (ISO/IEC 18004 asks for four).
const QUIET: i32 = 4;

/// The SVG of a QR code of `text`, labelled for screen readers by the
/// element with id `label_id`; `None` when the text is too long for a QR
/// code (an otpauth URL never is).
pub fn svg(text: &str, label_id: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let side = code.size() + 2 * QUIET;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + QUIET, y + QUIET);
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" width=\"{px}\" height=\"{px}\" \
         viewBox=\"0 0 {side} {side}\" role=\"img\" aria-labelledby=\"{label_id}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>",
        px = side * 5,
    ))
}

#[cfg(test)]
mod tests {
    use super::svg;

    #[test]
    fn an_otpauth_url_becomes_one_labelled_svg_path() {
        let url =
            "otpauth://totp/ettlag:laerer.a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ettlag";
        let drawn = svg(url, "qr-label").expect("fits in a QR code");
        assert!(drawn.starts_with("<svg"), "{drawn}");
        assert!(drawn.contains("aria-labelledby=\"qr-label\""));
        assert!(drawn.contains("role=\"img\""));
        assert_eq!(drawn.matches("<path").count(), 1);
        assert!(svg(&"x".repeat(5000), "qr-label").is_none());
    }
}
