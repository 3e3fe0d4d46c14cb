//! A server-rendered, accessible SVG graph of one scale's totals over the
//! sessions of an episode: the clinical cut-off line, the reliable-change
//! band around the intake total, and the expected band from the
//! municipality's own history when there is one. The SVG is an image with a
//! title and a description (`role="img"`, `aria-labelledby`); the page shows
//! the same numbers in a table next to it, so nothing is only in the picture.

use std::fmt::Write;

use ettlag_core::feedback::{Tenths, Trajectory};

/// How large a graph is drawn: in full on the episode page, or compact on
/// the relay log and plan pages, where it is a glance with a link.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Size {
    Full,
    Compact,
}

impl Size {
    fn width(self) -> i64 {
        match self {
            Size::Full => 600,
            Size::Compact => 360,
        }
    }

    fn height(self) -> i64 {
        match self {
            Size::Full => 260,
            Size::Compact => 150,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Size::Full => "fb-graph",
            Size::Compact => "fb-graph fb-graph-compact",
        }
    }
}
const LEFT: i64 = 44;
const RIGHT: i64 = 16;
const TOP: i64 = 12;
const BOTTOM: i64 = 32;

/// What one graph shows. Texts are already translated.
pub struct Graph<'a> {
    /// A unique id prefix for the title and description elements.
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    /// The highest possible total.
    pub max: Tenths,
    /// Totals by session, in order.
    pub points: &'a [(u16, Tenths)],
    pub cutoff: Option<Tenths>,
    /// The reliable-change band around the intake: (lower, upper).
    pub reliable: Option<(Tenths, Tenths)>,
    pub expected: Option<&'a Trajectory>,
    pub cutoff_label: &'a str,
    pub size: Size,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Graph<'_> {
    fn last_session(&self) -> u16 {
        let own = self.points.iter().map(|p| p.0).max().unwrap_or(1);
        let band = self
            .expected
            .and_then(|t| t.points.iter().map(|p| p.session).max())
            .unwrap_or(1);
        own.max(band).max(2)
    }

    fn x(&self, session: u16) -> i64 {
        let span = i64::from(self.last_session() - 1).max(1);
        LEFT + (i64::from(session.saturating_sub(1)) * (self.size.width() - LEFT - RIGHT)) / span
    }

    fn y(&self, total: Tenths) -> i64 {
        let max = i64::from(self.max.get()).max(1);
        let total = i64::from(total.get()).min(max);
        TOP + ((max - total) * (self.size.height() - TOP - BOTTOM)) / max
    }

    /// The SVG element.
    pub fn svg(&self) -> String {
        let mut s = String::new();
        let (t, d) = (format!("{}-title", self.id), format!("{}-desc", self.id));
        let _ = write!(
            s,
            "<svg class=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" \
             aria-labelledby=\"{t} {d}\" xmlns=\"http://www.w3.org/2000/svg\">\
             <title id=\"{t}\">{}</title><desc id=\"{d}\">{}</desc>",
            self.size.class(),
            self.size.width(),
            self.size.height(),
            escape(self.title),
            escape(self.desc)
        );
        let bottom = self.size.height() - BOTTOM;
        let right = self.size.width() - RIGHT;
        // Axes with a tick every quarter of the scale.
        let _ = write!(
            s,
            "<g class=\"fb-axis\"><line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom}\"/>\
             <line x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\"/>"
        );
        for q in 0..=4u16 {
            let v = Tenths::new(self.max.get() / 4 * q);
            let y = self.y(v);
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                LEFT - 6,
                y + 4,
                v.get() / 10
            );
        }
        for session in 1..=self.last_session() {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{session}</text>",
                self.x(session),
                bottom + 18
            );
        }
        s.push_str("</g>");
        if let Some(band) = self.expected.filter(|b| !b.points.is_empty()) {
            let upper: Vec<String> = band
                .points
                .iter()
                .map(|p| format!("{},{}", self.x(p.session), self.y(p.upper)))
                .collect();
            let lower: Vec<String> = band
                .points
                .iter()
                .rev()
                .map(|p| format!("{},{}", self.x(p.session), self.y(p.lower)))
                .collect();
            let _ = write!(
                s,
                "<polygon class=\"fb-expected\" points=\"{} {}\"/>",
                upper.join(" "),
                lower.join(" ")
            );
        }
        if let Some((low, high)) = self.reliable {
            let (y1, y2) = (self.y(high), self.y(low));
            let _ = write!(
                s,
                "<rect class=\"fb-reliable\" x=\"{LEFT}\" y=\"{y1}\" width=\"{}\" height=\"{}\"/>",
                right - LEFT,
                (y2 - y1).max(1)
            );
        }
        if let Some(cutoff) = self.cutoff {
            let y = self.y(cutoff);
            let _ = write!(
                s,
                "<line class=\"fb-cutoff\" x1=\"{LEFT}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\"/>\
                 <text class=\"fb-cutoff-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                right - 4,
                y - 4,
                escape(self.cutoff_label)
            );
        }
        if !self.points.is_empty() {
            let line: Vec<String> = self
                .points
                .iter()
                .map(|(session, total)| format!("{},{}", self.x(*session), self.y(*total)))
                .collect();
            let _ = write!(
                s,
                "<polyline class=\"fb-line\" points=\"{}\"/>",
                line.join(" ")
            );
            for (session, total) in self.points {
                let _ = write!(
                    s,
                    "<circle class=\"fb-point\" cx=\"{}\" cy=\"{}\" r=\"5\"/>",
                    self.x(*session),
                    self.y(*total)
                );
            }
        }
        s.push_str("</svg>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graph_is_an_image_with_its_title_lines_and_points() {
        let points = [(1, Tenths::new(200)), (2, Tenths::new(260))];
        let g = Graph {
            id: "g1",
            title: "Outcome <scale>",
            desc: "Two answers",
            max: Tenths::new(400),
            points: &points,
            cutoff: Some(Tenths::new(300)),
            reliable: Some((Tenths::new(149), Tenths::new(251))),
            expected: None,
            cutoff_label: "Cut-off",
            size: Size::Full,
        };
        let svg = g.svg();
        assert!(svg.starts_with("<svg class=\"fb-graph\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"g1-title\">Outcome &lt;scale&gt;</title>"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("class=\"fb-cutoff\""));
        assert!(svg.contains("class=\"fb-reliable\""));
        assert!(!svg.contains("fb-expected"), "no band without history");
        // 30 of 40 points: a quarter of the plot height from the top.
        let y = TOP + (Size::Full.height() - TOP - BOTTOM) / 4;
        assert!(svg.contains(&format!("y1=\"{y}\"")));
        let small = Graph {
            size: Size::Compact,
            ..g
        }
        .svg();
        assert!(
            small.starts_with("<svg class=\"fb-graph fb-graph-compact\" viewBox=\"0 0 360 150\"")
        );
        assert_eq!(small.matches("<circle").count(), 2);
    }
}
