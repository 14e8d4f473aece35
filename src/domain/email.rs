//! E-mail addresses as people type them: one check for every place the shop takes one (checkout, the owner's
//! message settings, a staff invitation, a new owner, `EMAIL_FROM`), loose enough never to refuse a real address.

/// The longest address mail servers take (RFC 5321), in bytes: a sign-in name is held to it.
pub const EMAIL_MAX: usize = 254;

/// An e-mail address, trimmed, its case as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Nothing but spaces.
    #[error("no e-mail address")]
    Missing,
    #[error("not an e-mail address")]
    Invalid,
}

impl Email {
    /// Something@something.something without spaces or control characters, the domain neither starting nor ending
    /// with a dot: enough to catch a typo without refusing a real address.
    pub fn parse(typed: &str) -> Result<Email, EmailError> {
        let email = typed.trim();
        if email.is_empty() {
            return Err(EmailError::Missing);
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(EmailError::Invalid);
        };
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if plausible {
            Ok(Email(email.to_owned()))
        } else {
            Err(EmailError::Invalid)
        }
    }

    /// The address in lower case: how an account's sign-in name and the owner's address are kept.
    pub fn lowercased(&self) -> Email {
        Email(self.0.to_lowercase())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_something_at_a_domain_with_a_dot() {
        let cases = [
            ("owner@shop.mn", Ok("owner@shop.mn")),
            (" Owner@Shop.MN ", Ok("Owner@Shop.MN")),
            ("a.b+tag@mail.example.mn", Ok("a.b+tag@mail.example.mn")),
            ("бат@дэлгүүр.мн", Ok("бат@дэлгүүр.мн")),
            ("", Err(EmailError::Missing)),
            ("   ", Err(EmailError::Missing)),
            ("owner", Err(EmailError::Invalid)),
            ("owner@", Err(EmailError::Invalid)),
            ("@shop.mn", Err(EmailError::Invalid)),
            ("owner@shop", Err(EmailError::Invalid)),
            ("owner@.mn", Err(EmailError::Invalid)),
            ("owner@shop.", Err(EmailError::Invalid)),
            ("a b@c.d", Err(EmailError::Invalid)),
            ("a\u{0}b@c.d", Err(EmailError::Invalid)),
        ];
        for (typed, expected) in cases {
            let got = Email::parse(typed);
            assert_eq!(got.as_ref().map(Email::as_str), expected.as_ref().copied(), "{typed:?}");
        }
        assert_eq!(
            Email::parse(" Owner@Shop.MN ").unwrap().lowercased().into_string(),
            "owner@shop.mn"
        );
    }
}
