package nl.zorgregels.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * This module's parent is Boot's, not the reactor's, so its version is written in its own pom: it
 * must be the reactor's (zorgregels-parent's), so a version bump cannot forget it (and the
 * rules-api it tests is the one the reactor builds).
 */
class VersionTest {
    @Test
    void theVersionIsTheReactors() throws Exception {
        assertThat(version(Path.of("pom.xml"))).isNotBlank().isEqualTo(version(Path.of("../../pom.xml")));
        // why it is written there: the parent is Boot's, as in a vendor's application
        assertThat(parentArtifact(Path.of("pom.xml"))).isEqualTo("spring-boot-starter-parent");
    }

    private static Element project(Path pom) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return d.getDocumentElement();
    }

    /** The project's own version element (not its parent's). */
    private static String version(Path pom) throws Exception {
        return child(project(pom), "version");
    }

    private static String parentArtifact(Path pom) throws Exception {
        Element project = project(pom);
        var parents = project.getElementsByTagName("parent");
        return parents.getLength() == 0 ? "" : child((Element) parents.item(0), "artifactId");
    }

    private static String child(Element e, String name) {
        for (var n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        return "";
    }
}
