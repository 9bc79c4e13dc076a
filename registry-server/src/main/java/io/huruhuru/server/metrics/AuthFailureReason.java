package io.huruhuru.server.metrics;

import io.huruhuru.server.auth.AccessControl;
import io.huruhuru.server.http.ErrorCode;
import io.huruhuru.server.http.RegistryException;
import io.huruhuru.storage.quota.QuotaExceededException;
import java.util.Locale;
import java.util.Optional;

/** Why a request was refused by authentication or access control, the {@code reason} of an auth failure. */
enum AuthFailureReason {
    /** 401 to a request without credentials: the usual first step of a client's login, counted all the same. */
    NO_CREDENTIALS,
    /** 401 to a request with credentials: a wrong password, an unknown user, an invalid or expired token. */
    BAD_CREDENTIALS,
    /** 403: the caller is known but the access rules do not allow the request. */
    DENIED,
    /** 429 after too many failed logins. */
    LOCKED_OUT,
    /** 429 from the request rate limit. */
    RATE_LIMITED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason of a response with {@code status} that {@code failure} caused, if it is an auth failure. */
    static Optional<AuthFailureReason> of(int status, Throwable failure, boolean hadCredentials) {
        if (status == ErrorCode.UNAUTHORIZED.status()) {
            return Optional.of(hadCredentials ? BAD_CREDENTIALS : NO_CREDENTIALS);
        }
        if (status == ErrorCode.DENIED.status()) {
            // a quota refusal is a 403 too, but no failure of access control
            return failure instanceof QuotaExceededException ? Optional.empty() : Optional.of(DENIED);
        }
        if (status == ErrorCode.TOOMANYREQUESTS.status()) {
            boolean rate = failure instanceof RegistryException refused
                    && AccessControl.RATE_LIMITED.equals(refused.detail());
            return Optional.of(rate ? RATE_LIMITED : LOCKED_OUT);
        }
        return Optional.empty();
    }
}
