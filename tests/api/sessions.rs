//! The session store that keeps carts and sign-ins in the database, shared by every app instance.

use crate::helpers::{Engine, spawn_app};
use delguur::db::sessions::DbSessionStore;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::ExpiredDeletion,
};

crate::on_both_engines!(sessions_round_trip_and_expire);

fn record(expires_in: time::Duration) -> Record {
    Record {
        id: Id::default(),
        data: [("cart".to_owned(), serde_json::json!({"variant": 7, "quantity": 2}))].into(),
        expiry_date: time::OffsetDateTime::now_utc() + expires_in,
    }
}

async fn sessions_round_trip_and_expire(engine: Engine) {
    let app = spawn_app(engine).await;
    let store = DbSessionStore::new(app.db.clone());

    let mut live = record(time::Duration::hours(1));
    store.create(&mut live).await.unwrap();
    let loaded = store.load(&live.id).await.unwrap().expect("a live session loads");
    assert_eq!(loaded.data, live.data);

    live.data.insert("lang".into(), serde_json::json!("en"));
    store.save(&live).await.unwrap();
    assert_eq!(store.load(&live.id).await.unwrap().unwrap().data.len(), 2);

    let mut expired = record(time::Duration::seconds(-1));
    store.create(&mut expired).await.unwrap();
    assert!(
        store.load(&expired.id).await.unwrap().is_none(),
        "an expired session never loads"
    );

    store.delete_expired().await.unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(rows, 1, "only the live session is left");

    store.delete(&live.id).await.unwrap();
    assert!(store.load(&live.id).await.unwrap().is_none());
}
