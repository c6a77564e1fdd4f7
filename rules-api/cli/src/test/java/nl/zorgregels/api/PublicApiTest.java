package nl.zorgregels.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.zorgregels.model.Decision;
import org.junit.jupiter.api.Test;

/**
 * Pins the public API of the library artifacts (rules-model, rules-api, rules-fhir, rules-service):
 * every public type of the API packages ({@code nl.zorgregels.api},
 * {@code nl.zorgregels.model} and any other {@code nl.zorgregels} package of these jars that is not
 * {@code internal}, the command line or the knowledge base's fact classes), with its public
 * constructors, methods and fields, must be exactly the list in {@code src/test/resources/public-api.txt}.
 * A change to the API is then a deliberate diff of that file. Regenerate it with
 * {@code -Dzorgregels.api.update=true} (the test then writes the file and still fails, once).
 */
class PublicApiTest {
    private static final Path PINNED = Path.of("src", "test", "resources", "public-api.txt");

    @Test
    void thePublicApiIsExactlyThePinnedList() throws Exception {
        List<String> actual = surface();
        if (Boolean.getBoolean("zorgregels.api.update")) {
            Files.write(PINNED, actual, StandardCharsets.UTF_8);
        }
        List<String> pinned = Files.readAllLines(PINNED, StandardCharsets.UTF_8);
        assertThat(actual)
                .as("public API changed; if deliberate, regenerate %s with -Dzorgregels.api.update=true and review the diff", PINNED)
                .containsExactlyElementsOf(pinned);
    }

    @Test
    void everyPublicTypeOfTheApiIsDocumentedAsSuchAndInternalsSayTheyAreNotApi() throws Exception {
        for (String name : classNames()) {
            String pkg = name.substring(0, name.lastIndexOf('.'));
            if (pkg.contains(".internal")) {
                Path info = sourceOf(pkg);
                if (info != null) {
                    assertThat(Files.readString(info)).as(info.toString()).containsIgnoringCase("not API");
                }
            }
        }
    }

    /** The modules whose sources are checked (from this module's directory, rules-api/cli). */
    private static final List<Path> MODULES = List.of(Path.of("..", "..", "rules-model"), Path.of(".."),
            Path.of("..", "fhir"), Path.of("..", "service"), Path.of("."));

    /** The package-info source of a package in one of the modules, or null if none has it. */
    private static Path sourceOf(String pkg) {
        for (Path module : MODULES) {
            Path p = module.resolve(Path.of("src", "main", "java")).resolve(pkg.replace('.', '/')).resolve("package-info.java");
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    static List<String> surface() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String name : classNames()) {
            String pkg = name.substring(0, name.lastIndexOf('.'));
            if (!isApiPackage(pkg)) {
                continue;
            }
            Class<?> c = Class.forName(name, false, PublicApiTest.class.getClassLoader());
            if (!Modifier.isPublic(c.getModifiers()) || !isPublicallyReachable(c)) {
                continue;
            }
            lines.add(kind(c) + " " + c.getName().replace('$', '.') + supertypes(c));
            TreeSet<String> members = new TreeSet<>();
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    members.add("  new(" + params(k) + ")");
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    members.add("  " + (Modifier.isStatic(m.getModifiers()) ? "static " : "")
                            + m.getGenericReturnType().getTypeName() + " " + m.getName() + "(" + params(m) + ")");
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) && !f.isEnumConstant()) {
                    members.add("  field " + f.getGenericType().getTypeName() + " " + f.getName());
                }
                if (f.isEnumConstant()) {
                    members.add("  constant " + f.getName());
                }
            }
            lines.addAll(members);
        }
        return lines;
    }

    private static boolean isApiPackage(String pkg) {
        return pkg.startsWith("nl.zorgregels.") && !pkg.contains(".internal") && !pkg.equals("nl.zorgregels.cli")
                && !pkg.startsWith("nl.zorgregels.cli.")
                && !pkg.startsWith("nl.zorgregels.kb");
    }

    private static boolean isPublicallyReachable(Class<?> c) {
        for (Class<?> o = c; o != null; o = o.getEnclosingClass()) {
            if (!Modifier.isPublic(o.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass();
    }

    private static String kind(Class<?> c) {
        if (c.isRecord()) {
            return "record";
        }
        if (c.isEnum()) {
            return "enum";
        }
        if (c.isInterface()) {
            return "interface";
        }
        return (Modifier.isFinal(c.getModifiers()) ? "final " : "") + "class";
    }

    private static String supertypes(Class<?> c) {
        List<String> s = new ArrayList<>();
        if (c.getSuperclass() != null && !c.isEnum() && !c.isRecord() && c.getSuperclass() != Object.class) {
            s.add("extends " + c.getGenericSuperclass().getTypeName());
        }
        String ifaces = Arrays.stream(c.getGenericInterfaces()).map(t -> t.getTypeName()).collect(Collectors.joining(", "));
        if (!ifaces.isEmpty()) {
            s.add("implements " + ifaces);
        }
        return s.isEmpty() ? "" : " " + String.join(" ", s);
    }

    private static String params(Executable e) {
        return Arrays.stream(e.getGenericParameterTypes()).map(t -> t.getTypeName()).collect(Collectors.joining(", "));
    }

    /** Every class of the shipped library artifacts: rules-model, rules-api (the engine), rules-fhir, rules-service (directories or jars). */
    static List<String> classNames() throws IOException, URISyntaxException {
        TreeSet<String> names = new TreeSet<>();
        for (Class<?> anchor : List.of(ZorgregelsEngine.class, Decision.class, nl.zorgregels.fhir.FhirAssessments.class,
                nl.zorgregels.service.CdsHooksServer.class)) {
            URI location = anchor.getProtectionDomain().getCodeSource().getLocation().toURI();
            Path root = Path.of(location);
            if (Files.isDirectory(root)) {
                collect(root, names);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
                    collect(jar.getPath("/"), names);
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static void collect(Path root, TreeSet<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.map(p -> root.relativize(p).toString())
                    .filter(p -> p.endsWith(".class") && !p.endsWith("package-info.class") && !p.endsWith("module-info.class"))
                    .filter(p -> p.startsWith("nl/zorgregels/"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .forEach(names::add);
        }
    }
}
