package io.huruhuru.bench.registry;

import java.io.IOException;

/** A registry answered a request with a status the distribution spec does not allow there. */
final class UnexpectedResponseException extends IOException {

    private static final int MAX_BODY = 2000;

    UnexpectedResponseException(String method, String target, int expected, HttpResponse response) {
        super(method + " " + shorten(target, 200) + " -> expected " + expected + ", got " + response.status()
                + (response.body() == null ? "" : ": " + shorten(response.bodyText().strip(), MAX_BODY)));
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
