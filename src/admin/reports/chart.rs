//! Bar charts drawn on the server as SVG markup: they read without JavaScript, print, and scale to a 390 px phone
//! (a `viewBox`, sized by style/main.css). For a screen reader the chart is one image named by its `<title>` and
//! described by its `<desc>`, each bar with a `<title>` of its label and amount; the page puts a table of the same
//! numbers beside it. Colours come from the stylesheet's classes, not inline styles, which the page's
//! Content-Security-Policy would refuse.

use crate::domain::Mnt;

/// The drawing's width and the bars' tallest height, in the `viewBox`'s units.
const WIDTH: i64 = 640;
const PLOT: i64 = 200;
/// Room above the tallest bar and below the baseline (for the labels).
const TOP: i64 = 8;
const AXIS: i64 = 28;
/// At most this many labels under the bars, so they do not run into each other on a phone.
const MOST_TICKS: usize = 8;

/// One bar: what its `<title>` names (`2026-11-25`), the short label under it (`11-25`), its amount.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub tick: String,
    pub value: Mnt,
}

/// The SVG of `bars` side by side, each as tall as its share of the largest; `id` makes the title's and the
/// description's ids unique on the page. Each bar carries `data-label` and `data-value` (whole tögrög) for tests.
pub fn bar_chart(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let height = TOP + PLOT + AXIS;
    let baseline = TOP + PLOT;
    let max = bars.iter().map(|bar| bar.value.amount()).max().unwrap_or(0);
    let slot = WIDTH as f64 / bars.len().max(1) as f64;
    let every = bars.len().div_ceil(MOST_TICKS).max(1);
    let mut svg = format!(
        "<svg class=\"bar-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" \
         data-test=\"{id}\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
    for (at, bar) in bars.iter().enumerate() {
        let tall = bar_height(bar.value.amount(), max);
        let x = at as f64 * slot + slot * 0.1;
        svg.push_str(&format!(
            "<rect class=\"bar\" x=\"{x:.1}\" y=\"{}\" width=\"{:.1}\" height=\"{tall}\" data-test=\"chart-bar\" \
             data-label=\"{}\" data-value=\"{}\"><title>{}: {}</title></rect>",
            baseline - tall,
            slot * 0.8,
            escape(&bar.label),
            bar.value.amount(),
            escape(&bar.label),
            bar.value
        ));
        if at % every == 0 {
            svg.push_str(&format!(
                "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" aria-hidden=\"true\">{}</text>",
                at as f64 * slot + slot / 2.0,
                height - 8,
                escape(&bar.tick)
            ));
        }
    }
    svg.push_str(&format!(
        "<line class=\"axis\" x1=\"0\" y1=\"{baseline}\" x2=\"{WIDTH}\" y2=\"{baseline}\"/></svg>"
    ));
    svg
}

/// A bar's height for `value` when the largest is `max`: proportional, rounded, and at least 1 for anything sold
/// (a small day is still seen to be one).
pub fn bar_height(value: i64, max: i64) -> i64 {
    if value <= 0 || max <= 0 {
        return 0;
    }
    let tall = (i128::from(value) * i128::from(PLOT) + i128::from(max) / 2) / i128::from(max);
    i64::try_from(tall).unwrap_or(PLOT).clamp(1, PLOT)
}

/// Text for SVG markup: the five characters XML gives a meaning to, escaped.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: i64) -> Bar {
        Bar {
            label: label.to_owned(),
            tick: label[5..].to_owned(),
            value: Mnt::new(value).unwrap(),
        }
    }

    /// The value of `attribute` on each element that has it, in order.
    fn attributes(svg: &str, attribute: &str) -> Vec<String> {
        let needle = format!(" {attribute}=\"");
        svg.match_indices(&needle)
            .map(|(at, _)| {
                let rest = &svg[at + needle.len()..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .collect()
    }

    #[test]
    fn bars_are_proportional_and_each_has_a_title_with_its_day_and_amount() {
        let bars = [
            bar("2026-11-24", 25_000),
            bar("2026-11-25", 12_500),
            bar("2026-11-26", 0),
        ];
        let svg = bar_chart("days", "Revenue by day", "Revenue on each of 3 days.", &bars);
        assert!(svg.starts_with("<svg class=\"bar-chart\" role=\"img\" aria-labelledby=\"days-title days-desc\""));
        assert!(svg.contains("viewBox=\"0 0 640 236\""), "scales by its viewBox: {svg}");
        assert!(svg.contains("<title id=\"days-title\">Revenue by day</title>"));
        assert!(svg.contains("<desc id=\"days-desc\">Revenue on each of 3 days.</desc>"));
        assert_eq!(
            attributes(&svg, "height"),
            ["200", "100", "0"],
            "proportional to the largest"
        );
        assert_eq!(
            attributes(&svg, "y"),
            ["8", "228", "108", "228", "208", "228"],
            "bars stand on the baseline"
        );
        assert_eq!(attributes(&svg, "data-value"), ["25000", "12500", "0"]);
        for title in ["2026-11-24: 25,000₮", "2026-11-25: 12,500₮", "2026-11-26: 0₮"] {
            assert!(svg.contains(&format!("<title>{title}</title>")), "{title} in {svg}");
        }
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn a_chart_of_nothing_draws_flat_bars_and_text_is_escaped() {
        let svg = bar_chart("x", "A & B <c>", "\"d\"", &[bar("2026-11-24", 0)]);
        assert_eq!(attributes(&svg, "height"), ["0"]);
        assert!(svg.contains("<title id=\"x-title\">A &amp; B &lt;c&gt;</title>"));
        assert!(svg.contains("<desc id=\"x-desc\">&quot;d&quot;</desc>"));
        assert_eq!(bar_height(1, 1_000_000), 1, "a small day is still seen");
        assert_eq!(bar_height(999, 1_000), 200);
    }

    #[test]
    fn a_month_shows_at_most_eight_labels() {
        let bars: Vec<Bar> = (1..=31).map(|day| bar(&format!("2026-12-{day:02}"), day)).collect();
        let svg = bar_chart("m", "t", "d", &bars);
        assert_eq!(svg.matches("<text ").count(), 8);
        assert_eq!(svg.matches("data-test=\"chart-bar\"").count(), 31);
    }
}
