# The `packaging_runtime_deps` test (cmake -P): every package Signalbox needs at run time must be
# declared both by packaging/install-deps.sh (its runtime_pkgs list, or a package apt pulls in
# through that list's dependencies) and by the Depends of the built .deb (directly).
#
# "Needs" is computed, never typed: the QML modules, Qt plugins and Graphviz plugins come from
# RuntimeDeps.cmake (the same code cpack uses to write Depends), the shared libraries from
# dpkg-shlibdeps on the built binary.
#
# Variables (-D):
#   SOURCE_DIR, BINARY            the repository and the built signalbox binary
#   QML_SOURCE_DIR                defaults to ${SOURCE_DIR}/qml
#   QML_IMPORT_PATH, SCANNER, QT_PLUGIN_DIR, QT_PLUGINS, GRAPHVIZ_PLUGIN_DIR, GRAPHVIZ_PLUGINS
#                                 as for signalbox_runtime_packages()
#   DEB                           the .deb to check (optional: without it only install-deps.sh
#                                 is checked)
#   INSTALL_DEPS                  defaults to ${SOURCE_DIR}/packaging/install-deps.sh
cmake_minimum_required(VERSION 3.24)
include(${CMAKE_CURRENT_LIST_DIR}/RuntimeDeps.cmake)

if(NOT QML_SOURCE_DIR)
    set(QML_SOURCE_DIR "${SOURCE_DIR}/qml")
endif()
if(NOT INSTALL_DEPS)
    set(INSTALL_DEPS "${SOURCE_DIR}/packaging/install-deps.sh")
endif()
string(REPLACE "," ";" QT_PLUGINS "${QT_PLUGINS}")
string(REPLACE "," ";" GRAPHVIZ_PLUGINS "${GRAPHVIZ_PLUGINS}")

set(failures 0)

# ---- What the application needs --------------------------------------------------------------
signalbox_runtime_packages(
    QML_SOURCE_DIR "${QML_SOURCE_DIR}" QML_IMPORT_PATH "${QML_IMPORT_PATH}" SCANNER "${SCANNER}"
    QT_PLUGIN_DIR "${QT_PLUGIN_DIR}" QT_PLUGINS ${QT_PLUGINS}
    GRAPHVIZ_PLUGIN_DIR "${GRAPHVIZ_PLUGIN_DIR}" GRAPHVIZ_PLUGINS ${GRAPHVIZ_PLUGINS}
    PACKAGES needed REPORT report ERRORS errors)
foreach(e IN LISTS errors)
    message("ERROR ${e}")
    math(EXPR failures "${failures} + 1")
endforeach()

# Shared libraries: dpkg-shlibdeps, as for the .deb. Versions dropped; alternatives "a|b".
signalbox_shlib_depends("${BINARY}" shlib_groups)
set(lib_groups "")
foreach(g IN LISTS shlib_groups)
    string(REGEX REPLACE " *\\([^)]*\\)" "" g "${g}")
    string(REGEX REPLACE " *\\| *" "|" g "${g}")
    string(STRIP "${g}" g)
    list(APPEND lib_groups "${g}")
    list(APPEND report "shared-library -> ${g} (dpkg-shlibdeps ${BINARY})")
endforeach()

# ---- What install-deps.sh declares -----------------------------------------------------------
# Evaluate only the runtime_pkgs=( ... ) array of the script, in bash.
execute_process(
    COMMAND bash -c "eval \"$(sed -n '/^runtime_pkgs=(/,/^)/p' \"$1\")\"; printf '%s\\n' \"\${runtime_pkgs[@]}\""
            bash "${INSTALL_DEPS}"
    OUTPUT_VARIABLE runtime RESULT_VARIABLE rc)
string(STRIP "${runtime}" runtime)
string(REPLACE "\n" ";" runtime "${runtime}")
if(NOT rc EQUAL 0 OR NOT runtime)
    message(FATAL_ERROR "could not read runtime_pkgs from ${INSTALL_DEPS}")
endif()
# ... and everything apt installs with it (the installed part of its dependency closure).
execute_process(
    COMMAND apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts
            --no-breaks --no-replaces --no-enhances ${runtime}
    OUTPUT_VARIABLE closure ERROR_QUIET)
string(REGEX MATCHALL "(^|\n)[a-z0-9][a-z0-9+.-]+" closure "${closure}")
string(REPLACE "\n" "" closure "${closure}")
set(runtime_closure ${runtime} ${closure})
list(REMOVE_DUPLICATES runtime_closure)

# ---- What the .deb declares ------------------------------------------------------------------
set(deb_depends "")
if(DEB)
    if(NOT EXISTS "${DEB}")
        message(FATAL_ERROR "${DEB} does not exist (build it with cpack -G DEB)")
    endif()
    execute_process(COMMAND dpkg-deb -f "${DEB}" Depends OUTPUT_VARIABLE deb_raw RESULT_VARIABLE rc)
    string(STRIP "${deb_raw}" deb_raw)
    message("${DEB}\n  Depends: ${deb_raw}\n")
    string(REPLACE "," ";" deb_groups "${deb_raw}")
    foreach(g IN LISTS deb_groups)
        string(REGEX REPLACE " *\\([^)]*\\)" "" g "${g}")
        string(REGEX REPLACE " *\\| *" "|" g "${g}")
        string(STRIP "${g}" g)
        list(APPEND deb_depends "${g}")
    endforeach()
endif()

# ---- Compare -----------------------------------------------------------------------------------
# A requirement "a|b" is met by a list holding the same group, or any one of its alternatives.
function(_met requirement list out_var)
    set(${out_var} FALSE PARENT_SCOPE)
    if(requirement IN_LIST list)
        set(${out_var} TRUE PARENT_SCOPE)
        return()
    endif()
    string(REPLACE "|" ";" alternatives "${requirement}")
    foreach(a IN LISTS alternatives)
        if(a IN_LIST list)
            set(${out_var} TRUE PARENT_SCOPE)
            return()
        endif()
    endforeach()
endfunction()

message("Needed at run time (item -> Debian package):")
set(requirements ${needed} ${lib_groups})
list(REMOVE_DUPLICATES requirements)
foreach(line IN LISTS report)
    message("  ${line}")
endforeach()
message("")
foreach(req IN LISTS requirements)
    set(missing_from "")
    _met("${req}" "${runtime_closure}" ok)
    if(NOT ok)
        list(APPEND missing_from "packaging/install-deps.sh runtime_pkgs")
    endif()
    if(DEB)
        _met("${req}" "${deb_depends}" ok)
        if(NOT ok)
            list(APPEND missing_from "the .deb's Depends")
        endif()
    endif()
    if(missing_from)
        math(EXPR failures "${failures} + 1")
        # Name every item this package provides.
        set(items "")
        foreach(line IN LISTS report)
            if(line MATCHES "^[a-z-]+ ([^ ]+) -> ([^ ]+) \\((.*)\\)$" AND CMAKE_MATCH_2 STREQUAL req)
                list(APPEND items "${CMAKE_MATCH_1} (${CMAKE_MATCH_3})")
            elseif(line MATCHES "^shared-library -> ([^ ]+) " AND CMAKE_MATCH_1 STREQUAL req)
                list(APPEND items "shared libraries of the binary")
            endif()
        endforeach()
        list(JOIN missing_from " and " where)
        list(JOIN items "; " what)
        message("MISSING ${req}: missing from ${where}; provides ${what}")
    endif()
endforeach()

list(LENGTH requirements n)
if(failures GREATER 0)
    message(FATAL_ERROR "${failures} problem(s) among ${n} run-time packages (see above)")
endif()
if(DEB)
    message("OK: all ${n} run-time packages are declared by install-deps.sh and the .deb")
else()
    message("OK: all ${n} run-time packages are declared by install-deps.sh (no .deb checked)")
endif()
