package nl.zorgregels.service.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The uuids of the cards this service issued most recently, so that feedback on a card it never
 * issued is refused (CDS Hooks 2.0 Feedback names the card by its uuid). Bounded: the oldest uuid is
 * forgotten when {@link #CAPACITY} is reached, and nothing survives a restart; feedback on a card
 * issued before either is refused too, which the service's guide says. Safe for concurrent use.
 */
final class IssuedCards {
    /** How many card uuids are remembered. */
    static final int CAPACITY = 100_000;

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Boolean> uuids = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * Remembers the uuid of every card of a response.
     *
     * @param response a CDS Hooks response, {@code {"cards": [{"uuid": …}, …]}}
     * @return the response, unchanged
     */
    byte[] remember(byte[] response) {
        try (JsonParser p = JSON.createParser(response)) {
            int depth = 0;
            boolean inCards = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        if (depth == 1) {
                            inCards = false;
                        }
                    }
                    case FIELD_NAME -> {
                        if (depth == 1 && p.currentName().equals("cards")) {
                            inCards = true;
                        } else if (inCards && depth == 3 && p.currentName().equals("uuid")) {
                            p.nextToken();
                            synchronized (uuids) {
                                uuids.put(p.getText(), Boolean.TRUE);
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a response this service wrote is not JSON", e);
        }
        return response;
    }

    /**
     * @param uuid a card uuid
     * @return whether this service issued the card and still remembers it
     */
    boolean contains(String uuid) {
        synchronized (uuids) {
            return uuids.containsKey(uuid);
        }
    }
}
