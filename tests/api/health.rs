use crate::helpers::{Engine, spawn_app};

crate::on_both_engines!(
    healthz_reports_ok_with_the_database_and_version,
    healthz_answers_503_when_the_database_is_gone
);

async fn healthz_reports_ok_with_the_database_and_version(engine: Engine) {
    let app = spawn_app(engine).await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({"status": "ok", "db": "ok", "version": env!("CARGO_PKG_VERSION")})
    );
}

async fn healthz_answers_503_when_the_database_is_gone(engine: Engine) {
    let app = spawn_app(engine).await;
    app.db.close().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
    assert_eq!(body["db"], "error");
}
