//! A certificate the system does not trust must read as a certificate error (corporate proxies
//! and antivirus that intercept HTTPS cause exactly this), and nothing is sent.

mod common;

use std::sync::Arc;

use common::*;
use numdesk_client::{
    ClientConfig, Endpoint, ErrorClass, NetworkErrorKind, ProxySetting, RetryPolicy,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// A TLS server on loopback with a freshly generated self-signed certificate for 127.0.0.1.
/// Returns its port; it accepts handshakes until the test ends.
#[allow(clippy::unwrap_used)] // test helper: a panic is a test failure
async fn self_signed_tls_server() -> (u16, tokio::task::JoinHandle<()>) {
    let key = rcgen::KeyPair::generate().unwrap();
    let params =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".into()]).unwrap();
    let cert = params.self_signed(&key).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        // Bounded: the test makes one connection per attempt.
        for _ in 0..8 {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let _ = acceptor.accept(stream).await;
        }
    });
    (port, task)
}

#[tokio::test]
async fn untrusted_certificate_is_a_certificate_error_and_not_sent() {
    let (port, server) = self_signed_tls_server().await;
    let endpoint: Endpoint = format!("https://127.0.0.1:{port}").parse().unwrap();
    let config = ClientConfig {
        proxy: ProxySetting::None,
        retry: RetryPolicy::no_retries(),
        ..ClientConfig::new(endpoint)
    };
    let err = client_with(config)
        .create_own_number_apply(&create_request("02012345678"))
        .await
        .unwrap_err();
    assert_eq!(
        err.network_failure(),
        Some(NetworkErrorKind::Certificate.network_kind()),
        "certificate errors must read as such: {err:?}"
    );
    assert_eq!(
        err.class(),
        ErrorClass::NotSent,
        "the handshake failed: nothing was sent"
    );
    assert!(err.to_string().contains("certificate"), "{err}");
    server.abort();
}
