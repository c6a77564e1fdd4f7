package nl.zorgregels.service.internal.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS from a PKCS#12 keystore: the keystore is read and checked before the server starts, so a
 * wrong password or a keystore without a key is a clear error naming the file, not a failed
 * handshake later.
 */
public final class Tls {
    private Tls() {
    }

    /**
     * @param keystore the PKCS#12 keystore with the server's private key and certificate chain
     * @param password its password (store and key)
     * @return Jetty's server-side TLS set-up for it (TLS 1.2 and 1.3, Jetty's default ciphers)
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static SslContextFactory.Server serverContext(Path keystore, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--tls-keystore " + keystore + ": no such file");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("--tls-keystore " + keystore + ": the password does not open it"
                        + " (check the environment variable named by --tls-password-env)");
            }
            throw new IllegalArgumentException("--tls-keystore " + keystore + ": cannot read it as a PKCS#12 keystore ("
                    + e.getMessage() + "); make one with keytool -genkeypair -storetype PKCS12 or openssl pkcs12 -export");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-keystore " + keystore + ": cannot read it as a PKCS#12 keystore: " + e.getMessage());
        }
        String alias = null;
        try {
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    store.getKey(a, password); // the key opens with the same password
                    alias = a;
                    break;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-keystore " + keystore + ": its private key does not open with the"
                    + " keystore's password; use one password for both (" + e.getMessage() + ")");
        }
        if (alias == null) {
            throw new IllegalArgumentException("--tls-keystore " + keystore + ": holds no private key, only certificates;"
                    + " the server needs its own key and certificate chain");
        }
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(store);
        tls.setKeyStorePassword(new String(password));
        tls.setKeyManagerPassword(new String(password));
        tls.setCertAlias(alias);
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        return tls;
    }
}
