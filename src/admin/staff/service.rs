//! Staff accounts: the owner invites (a one-time link, sent through the outbox by e-mail and by SMS when a phone is
//! given), disables or enables a staff account, revokes an invitation; the invited person sets a password, which
//! makes the account. Each change is logged with who made it.

use super::{AccountView, InviteView, form::InviteForm};
use crate::{
    admin::{
        auth::{MIN_PASSWORD_CHARS, hash_password},
        catalog::Returned,
        form::{FieldError, Problem},
    },
    db::{
        Db, DbError, admins, now_ms,
        outbox::{self, MessageKind},
        staff::{self, NewInvite},
    },
    domain::{
        notice::Channel,
        staff::{INVITE_HOURS, INVITE_TOKEN_CHARS},
    },
    i18n::Lang,
    ub_time,
};

#[derive(Debug, Clone)]
pub struct StaffService {
    db: Db,
    /// `{PUBLIC_URL}`, for the link shown to the owner.
    public_url: String,
}

/// What came of an invitation the owner sent.
pub enum Invited {
    /// Made and on its way; the link, for the owner to pass on another way too.
    Sent(String),
    /// The form back with its mistakes.
    Returned(Returned<InviteForm>),
}

/// What came of a password sent with an invitation's link.
#[derive(Debug, PartialEq, Eq)]
pub enum Accepted {
    /// The account was made: its id and its count of ended sessions, to sign in with.
    Account { id: i64, sessions_ended: i64 },
    /// Why not, in the invited person's language; nothing was made.
    Refused(&'static str),
}

impl crate::admin::service::AdminService {
    /// The account with this id and its role, while it exists, is not disabled and has not ended its sessions
    /// since this one signed in (`sessions_ended`, what the session kept): read on every request, so a disabled
    /// account's sessions are refused from their next one, and stay refused when it is enabled again.
    pub async fn signed_in_account(
        &self,
        id: i64,
        sessions_ended: i64,
    ) -> Result<Option<crate::admin::Account>, DbError> {
        let account = admins::find_by_id(&self.db, id).await?;
        let live = |a: &admins::AdminRow| a.disabled_at.is_none() && a.sessions_ended == sessions_ended;
        Ok(account.filter(live).and_then(|a| {
            Some(crate::admin::Account {
                id: a.id,
                role: crate::domain::staff::Role::parse(&a.role)?,
                email: a.email,
            })
        }))
    }
}

impl StaffService {
    pub fn new(db: Db, public_url: String) -> Self {
        StaffService { db, public_url }
    }

    pub async fn accounts(&self) -> Result<Vec<AccountView>, DbError> {
        Ok(admins::all(&self.db)
            .await?
            .into_iter()
            .map(|account| AccountView {
                id: account.id,
                role: account.role,
                phone: account.phone,
                disabled: account.disabled_at.is_some(),
                since: ub_time::clock(account.created_at),
                email: account.email,
            })
            .collect())
    }

    pub async fn invites(&self) -> Result<Vec<InviteView>, DbError> {
        let now = now_ms();
        Ok(staff::unused(&self.db)
            .await?
            .into_iter()
            .map(|invite| InviteView {
                id: invite.id,
                open: invite.token.is_some() && invite.expires_at > now,
                until: ub_time::clock(invite.expires_at),
                email: invite.email,
                phone: invite.phone,
                invited_by: invite.invited_by,
            })
            .collect())
    }

    /// Makes an invitation and its messages in one transaction; or the form back with its mistakes (an address
    /// that has an account already).
    pub async fn invite(&self, by: &str, input: InviteForm, lang: Lang) -> Result<Invited, DbError> {
        let sent_back = |input, errors| Ok(Invited::Returned(Returned { input, errors }));
        let invite = match input.parse() {
            Ok(invite) => invite,
            Err(errors) => return sent_back(input, errors),
        };
        if admins::find_by_email(&self.db, &invite.email).await?.is_some() {
            return sent_back(input, vec![FieldError::new("email", Problem::Taken)]);
        }
        let token = crate::random::token(INVITE_TOKEN_CHARS);
        let now = now_ms();
        let mut tx = self.db.begin_write().await?;
        let new = NewInvite {
            token: &token,
            email: &invite.email,
            phone: invite.phone.as_deref(),
            lang: lang.code(),
            invited_by: by,
            expires_at: now + INVITE_HOURS * 3_600_000,
        };
        let id = staff::insert(&mut tx, &new, now).await?;
        outbox::enqueue_alone(&mut *tx, MessageKind::StaffInvite(id, Channel::Email), now).await?;
        if invite.phone.is_some() {
            outbox::enqueue_alone(&mut *tx, MessageKind::StaffInvite(id, Channel::Sms), now).await?;
        }
        tx.commit().await?;
        tracing::info!(by, invite = id, email = %invite.email, "staff invited");
        Ok(Invited::Sent(format!("{}/admin/invite/{token}", self.public_url)))
    }

    /// Disables (or enables again) a staff account; an owner's account is never changed. True when it was one.
    /// Disabling ends the account's sessions for good: enabled again, it needs a new sign-in.
    pub async fn set_disabled(&self, by: &str, id: i64, disabled: bool) -> Result<bool, DbError> {
        let changed = admins::set_staff_disabled(&self.db, id, disabled.then(now_ms)).await?;
        if changed {
            tracing::info!(by, account = id, disabled, "staff account changed");
        }
        Ok(changed)
    }

    pub async fn revoke(&self, by: &str, id: i64) -> Result<bool, DbError> {
        let revoked = staff::revoke(&self.db, id, now_ms()).await?;
        if revoked {
            tracing::info!(by, invite = id, "staff invitation revoked");
        }
        Ok(revoked)
    }

    /// The e-mail address an open invitation is for; `None` for a link that is used, revoked, run out or wrong.
    pub async fn invited_email(&self, token: &str) -> Result<Option<String>, DbError> {
        Ok(staff::open_by_token(&self.db, token, now_ms())
            .await?
            .map(|invite| invite.email))
    }

    /// Makes the staff account of the invitation with `token`, with `password`: the invitation is used and the
    /// account made in one transaction, so a link makes one account however often it is sent.
    pub async fn accept(&self, token: &str, password: &str, lang: Lang) -> Result<Accepted, DbError> {
        let password: String = password.chars().take(200).collect();
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Ok(Accepted::Refused(lang.settings().invite_password_short));
        }
        let gone = lang.settings().invite_link_gone;
        if staff::open_by_token(&self.db, token, now_ms()).await?.is_none() {
            return Ok(Accepted::Refused(gone));
        }
        // Hashed before the transaction: argon2 is slow on purpose, and a write transaction should not wait on it.
        let Ok(hash) = hash_password(password).await else {
            tracing::error!("cannot hash a new staff password");
            return Ok(Accepted::Refused(gone));
        };
        let now = now_ms();
        let mut tx = self.db.begin_write().await?;
        let Some(invite) = staff::take(&mut tx, token, now).await? else {
            return Ok(Accepted::Refused(gone));
        };
        let made = admins::insert_staff(
            &mut *tx,
            &invite.email,
            invite.phone.as_deref(),
            &hash,
            &invite.invited_by,
            now,
        )
        .await?;
        let Some((id, sessions_ended)) = made else {
            // An account took the address meanwhile: the invitation stays unused.
            return Ok(Accepted::Refused(gone));
        };
        tx.commit().await?;
        tracing::info!(account = id, email = %invite.email, "staff account made from an invitation");
        Ok(Accepted::Account { id, sessions_ended })
    }
}
