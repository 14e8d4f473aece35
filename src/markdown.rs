//! The owner's Markdown made into HTML that is safe to put in a page: rendered by pulldown-cmark, then cleaned by
//! ammonia (an allow-list of tags and attributes made for exactly this), so a script, an event handler, a style or
//! a `javascript:` link never survives, whatever the owner (or someone with the owner's password) typed. Links
//! keep `http`, `https`, `mailto` and `tel` only, and open with `rel="noopener noreferrer"`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// `markdown` as sanitized HTML. Its headings sit one level below the page's own title (`# …` is an `<h2>`): a page
/// has one `<h1>`.
pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: below(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(below(level))),
        other => other,
    });
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, events);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .link_rel(Some("noopener noreferrer"))
        .clean(&rendered)
        .to_string()
}

/// The heading level one below `level` (`<h6>` stays `<h6>`).
fn below(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let html =
            to_safe_html("# Хүргэлт\n\n**Улаанбаатарт** 24 цагт.\n\n- нэг\n- хоёр\n\n[Холбоо](https://nomin.mn)");
        assert!(
            html.contains("<h2>Хүргэлт</h2>"),
            "one level below the page's title: {html}"
        );
        assert!(to_safe_html("###### six").contains("<h6>six</h6>"), "h6 stays h6");
        assert!(html.contains("<strong>Улаанбаатарт</strong>"), "{html}");
        assert!(html.contains("<li>нэг</li>"), "{html}");
        assert!(
            html.contains("<a href=\"https://nomin.mn\" rel=\"noopener noreferrer\">Холбоо</a>"),
            "{html}"
        );
    }

    #[test]
    fn nothing_that_runs_survives() {
        let hostile = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<iframe src=\"https://evil.mn\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<svg onload=alert(1)>",
            "![x](data:text/html;base64,PHNjcmlwdD4=)",
            "<form action=\"https://evil.mn\"><input name=password></form>",
        ];
        for markdown in hostile {
            let html = to_safe_html(markdown).to_lowercase();
            for banned in [
                "<script",
                "onerror",
                "onload",
                "javascript:",
                "<iframe",
                "style=",
                "data:text",
                "<form",
                "<input",
                "<svg",
            ] {
                assert!(!html.contains(banned), "{markdown} → {html}");
            }
        }
    }
}
