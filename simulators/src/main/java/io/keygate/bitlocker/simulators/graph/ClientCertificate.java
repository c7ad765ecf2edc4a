package io.keygate.bitlocker.simulators.graph;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * A client certificate with its private key, for an app registration's certificate credential
 * (test-only material, see {@link GraphTls}).
 *
 * @param certificate the certificate to register with {@code GraphSimulator.registerApp}
 * @param privateKey  the RSA key that signs client assertions
 */
public record ClientCertificate(X509Certificate certificate, PrivateKey privateKey) {

    /** The private key (PKCS#8, {@code -----BEGIN PRIVATE KEY-----}) followed by the certificate, as azure-identity's
     *  {@code ClientCertificateCredentialBuilder.pemCertificate(...)} reads it. */
    public String pem() {
        return privateKeyPem() + certificatePem();
    }

    /** The private key alone, PKCS#8 PEM. */
    public String privateKeyPem() {
        return GraphTls.pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** The certificate alone, PEM. */
    public String certificatePem() {
        try {
            return GraphTls.pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
