use crate::helpers::{Engine, spawn_app};

crate::on_both_engines!(
    healthz_reports_ok_with_the_database_and_version,
    healthz_answers_503_when_the_database_is_gone,
    every_request_gets_an_id_of_its_own_that_the_answer_carries,
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

async fn every_request_gets_an_id_of_its_own_that_the_answer_carries(engine: Engine) {
    let app = spawn_app(engine).await;
    let id = |response: reqwest::Response| response.headers()["x-request-id"].to_str().unwrap().to_owned();

    let (first, second) = (id(app.get("/healthz").await), id(app.get("/").await));

    assert_eq!(first.len(), 36, "a UUID: {first}");
    assert_ne!(first, second);
    let sent = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "forged\tid")
        .send()
        .await
        .unwrap();
    let made = id(sent);
    assert!(
        made.len() == 36 && made != first,
        "the server's own id, not the one sent: {made}"
    );
}
