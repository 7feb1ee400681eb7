/**
 * The Tend plugin API: everything a plugin author needs.
 *
 * <p>A plugin is a jar with a {@link app.tend.api.TendPlugin} subclass and one or more extensions
 * annotated with {@code @org.pf4j.Extension} that implement an extension point:
 * {@link app.tend.api.SignalSource} (wearables), {@link app.tend.api.PromptChannel} (speakers, watches,
 * phones), {@link app.tend.api.RoutineTarget} (home automation) or {@link app.tend.api.ScheduleSource}
 * (calendars). The hub hands each plugin a {@link app.tend.api.PluginContext}; plugins talk to the hub
 * only through it, by publishing and subscribing to the typed {@link app.tend.api.Addresses}.
 * Messages are the immutable records in {@link app.tend.api.message}.
 */
package app.tend.api;
