package nl.zorgregels.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code serve}'s usage errors: exit 2 with the reason, before any port is opened. */
class ServeCommandTest {
    private static String refused(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("listening on");
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nonLoopbackHostWithoutTrust() {
        assertThat(refused("serve", "--host", "0.0.0.0", "--port", "0")).contains("not a loopback address");
    }

    @Test
    void badOptions() {
        assertThat(refused("serve", "--watch")).contains("--watch needs --kb DIR");
        assertThat(refused("serve", "--port", "http")).contains("--port must be a whole number");
        assertThat(refused("serve", "--port", "70000")).contains("--port must be a whole number");
        assertThat(refused("serve", "--lang", "de")).contains("--lang must be one of nl, en");
        assertThat(refused("serve", "--trust", "no-such-trust.json")).contains("no such readable file");
        assertThat(refused("serve", "--cors-origin", "*", "--port", "0")).contains("--cors-origin must be an origin");
        assertThat(refused("serve", "--public-url", "cds.example.org", "--port", "0")).contains("--public-url must be an absolute");
        assertThat(refused("serve", "--bogus")).contains("unknown option --bogus");
        assertThat(refused("serve", "file.json")).contains("serve takes no file");
    }

    /** The keystore's password comes from an environment variable, never from the command line. */
    @Test
    void tlsOptions() {
        assertThat(refused("serve", "--tls-keystore", "server.p12", "--tls-password", "secret"))
                .contains("--tls-password is not an option").contains("--tls-password-env").doesNotContain("secret\n");
        assertThat(refused("serve", "--tls-keystore", "server.p12")).contains("--tls-keystore needs --tls-password-env VAR");
        assertThat(refused("serve", "--tls-password-env", "PATH")).contains("which is not given");
        String unset = "ZORGREGELS_TEST_UNSET_" + Long.toHexString(System.nanoTime());
        assertThat(System.getenv(unset)).isNull();
        assertThat(refused("serve", "--tls-keystore", "server.p12", "--tls-password-env", unset))
                .contains("--tls-password-env " + unset + ": the environment variable is not set");
        // PATH is set (to something that is not this keystore's password, which does not exist anyway)
        assertThat(refused("serve", "--port", "0", "--tls-keystore", "no-such-server.p12", "--tls-password-env", "PATH"))
                .contains("--tls-keystore no-such-server.p12: no such file");
    }
}
