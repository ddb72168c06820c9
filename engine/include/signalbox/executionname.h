// Execution names: what a name may contain, so that a name is one execution and prints as itself.
//
// Design: a name is how people and scripts address an execution (`signalbox approve order-42`),
// so it follows Step Functions' StartExecution rules, checked in the engine (Engine::start) and
// wherever a name is typed (the command line, the app's Run dialog), with the same function:
//  - 1 to 80 characters of valid UTF-8;
//  - no whitespace, none of < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /;
//  - no control characters (U+0000-001F, U+007F-009F);
// and, stricter than Step Functions, nothing that makes a name print as another one:
//  - no invisible or direction-changing characters (U+200B-200F, U+202A-202E, U+2060-2064,
//    U+2066-206F, U+FEFF);
//  - no U+FFFD: it is what invalid bytes become when a program decodes them, so two different
//    invalid names would otherwise become the same name on the way in.
// One name, one execution: Engine::start returns the execution a name already has only when the
// workflow source and the input are the same and it is still open; otherwise it fails with
// "ExecutionAlreadyExists: ...".
#pragma once

#include <string>

namespace Signalbox {

// Why `name` cannot name an execution, in words a person can act on; "" when it can.
std::string executionNameProblem(const std::string &name);

} // namespace Signalbox
