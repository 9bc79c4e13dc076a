package io.huruhuru.sel4.system;

import io.huruhuru.sel4.UnreadableInputException;

/** Finds the application a compose service's {@code image:} value names. */
public interface ServiceImages {

    /**
     * @param service the service's name (the application is named after it)
     * @param image the service's {@code image:} value
     * @param process what the service changes of the image's process
     * @throws UnreadableInputException when the image cannot be read at all (not when it merely cannot boot)
     */
    ServiceImage resolve(String service, String image, ServiceProcess process) throws UnreadableInputException;
}
