package app.tend.api;

/** The config type of a plugin that takes no settings: any key under its section is an error. */
public record NoConfig() {}
