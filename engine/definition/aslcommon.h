// Shared pieces of the Amazon States Language codec (aslreader.cpp, aslwriter.cpp): the placeholder
// resources Signalbox writes, the "signalbox:" extras line that carries fields ASL has no place
// for, and the conversions of retry policies, executors and form fields in both directions.
// docs/asl.md describes the mapping for users; keep the two in step.
#pragma once

#include "signalbox/definition.h"
#include "signalbox/json.h"

#include <optional>
#include <string>

namespace Signalbox::Asl {

// Resource written for a task that runs a local executor (`run:`) and has no `resource`.
inline constexpr const char *runResource = "arn:aws:states:::signalbox:task";
// Resource written for an activity (a task without `run:` or `resource`).
inline constexpr const char *activityResource = "arn:aws:states:::signalbox:activity";
// wait_for_event exports as a callback task: a Lambda receives the task token and the prompt.
inline constexpr const char *waitResource = "arn:aws:states:::lambda:invoke.waitForTaskToken";
inline constexpr const char *waitFunctionName = "signalbox-wait-for-event";
inline constexpr const char *waitMarker = "wait_for_event"; // Payload.signalbox

// Comments carry Signalbox-only fields as a last line "signalbox: {compact JSON}".
inline constexpr const char *extrasPrefix = "signalbox: ";

// Joins a user comment and extras (omitted when empty) into one ASL Comment.
std::string composeComment(const std::string &comment, const Json &extras);
// Splits an ASL Comment into the user comment and the extras object (empty object if none).
void splitComment(const std::string &text, std::string *comment, Json *extras);

// Retry: model <-> ASL Retrier, and the model's YAML spelling (for extras).
Json retryToAsl(const RetryPolicy &p);
RetryPolicy retryFromAsl(const Json &retrier); // expects a validated object
Json retryToYamlForm(const RetryPolicy &p);
std::optional<RetryPolicy> retryFromYamlForm(const Json &j);

// Executor (`run:`) in its YAML spelling.
Json executorToYamlForm(const Executor &e);
std::optional<Executor> executorFromYamlForm(const Json &j);

Json formFieldToYamlForm(const FormField &f);
std::optional<FormField> formFieldFromYamlForm(const Json &j);

// JSON Pointer of a state ("/States/name", nested: ".../Branches/0/States/name").
std::string pointerAppend(const std::string &pointer, const std::string &token);

} // namespace Signalbox::Asl
