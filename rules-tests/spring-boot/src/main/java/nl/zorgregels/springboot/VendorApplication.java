package nl.zorgregels.springboot;

import nl.zorgregels.api.ReloadableEngine;
import nl.zorgregels.api.ZorgregelsEngine;
import nl.zorgregels.service.CdsHooksServlet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A vendor's Spring Boot application (Tomcat) that mounts the Zorgregels CDS Hooks service in its
 * own HTTP stack, at {@code /zorgregels/*}: discovery at {@code /zorgregels/cds-services}, the
 * service at {@code /zorgregels/cds-services/zorgregels}. No trust file here (a test application
 * on loopback): a real one sets {@code .trustFile(Path.of("trust.json"))}.
 */
@SpringBootApplication
public class VendorApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(VendorApplication.class, args);
    }

    /** @return the engine deciding with the packaged knowledge base (reloadable while serving) */
    @Bean
    ReloadableEngine zorgregelsEngine() {
        return new ReloadableEngine(ZorgregelsEngine.packaged());
    }

    /**
     * @param engine the engine
     * @return the CDS Hooks servlet, mounted at /zorgregels/*
     */
    @Bean
    ServletRegistrationBean<CdsHooksServlet> zorgregels(ReloadableEngine engine) {
        CdsHooksServlet servlet = CdsHooksServlet.builder(engine).language("nl").build();
        return new ServletRegistrationBean<>(servlet, "/zorgregels/*");
    }
}
