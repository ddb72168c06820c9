# Computes the Debian packages Signalbox needs at run time: the shared libraries of its binary
# (signalbox_shlib_depends, dpkg-shlibdeps), and what dpkg-shlibdeps cannot see
# (signalbox_runtime_packages): the QML modules its user interface imports, followed recursively
# through Qt's own modules, the Qt plugins it loads and the Graphviz layout plugin.
#
# Used in two places, so that the two can never disagree:
#  - packaging/CPackProjectConfig.cmake.in, at `cpack` time, to write the .deb's Depends;
#  - packaging/check-deps.cmake, the `packaging_runtime_deps` test, which checks the result
#    against packaging/install-deps.sh and against the Depends of the built .deb.
#
#   signalbox_runtime_packages(
#       QML_SOURCE_DIR <dir>          the application's QML sources (qml/)
#       QML_IMPORT_PATH <dir>         Qt's QML import directory (/usr/lib/<triplet>/qt6/qml)
#       SCANNER <path>                qmlimportscanner
#       QT_PLUGIN_DIR <dir>           Qt's plugin directory (/usr/lib/<triplet>/qt6/plugins)
#       QT_PLUGINS <file>...          plugins the binary loads, relative to QT_PLUGIN_DIR
#       GRAPHVIZ_PLUGIN_DIR <dir>     libgvc's plugin directory (/usr/lib/<triplet>/graphviz)
#       GRAPHVIZ_PLUGINS <name>...    Graphviz plugins used (dot_layout)
#       PACKAGES <var>                out: the packages, sorted, unique
#       REPORT <var>                  out: one line per item: "<kind> <item> -> <package> (<why>)"
#       ERRORS <var>)                 out: problems that leave an item without a package
#
#   signalbox_shlib_depends(<binary> <var>)   dpkg-shlibdeps' Depends entries, with versions
#
# How a QML module becomes a package:
#  1. qmlimportscanner lists the modules the application's .qml files import, with the
#     directories they resolve to (it already follows qmldir `import` lines).
#  2. Every Qt module found is then opened like the QML engine would: its qmldir's `import`,
#     `default import`, `optional import` and `depends` lines, the .qml files its qmldir lists
#     (scanned by qmlimportscanner again), and its nested implementation modules (a child
#     directory whose module name ends in `impl`, e.g. QtQuick.Dialogs.quickimpl, which the
#     Dialogs plugin loads for its non-native dialogs without any qmldir line saying so).
#     This repeats until nothing new turns up.
#  3. Each module's qmldir file is looked up with `dpkg -S` (the directory itself is shared by
#     several packages, the qmldir file belongs to exactly one).
#  A module that is imported but not installed on this machine cannot be looked up; its package
#  name is then derived from Debian's naming rule (QtQuick.Dialogs -> qml6-module-qtquick-dialogs,
#  dropping trailing components until a known package matches) and confirmed with
#  `apt-cache show`. An `optional import` that is not installed (QtQuick.Controls.macOS) is
#  skipped: the engine ignores it too.
#  Our own modules (Signalbox, Signalbox.Models) are linked into the binary and skipped.

# cpack includes this file with CMake's oldest policies; the code below needs 3.24's (IN_LIST).
cmake_policy(PUSH)
cmake_policy(VERSION 3.24)

# The owning package of each path, in one `dpkg -S` call: sets <out_var> to "path|package"
# entries; a path no package owns has no entry.
function(_sb_dpkg_owners paths out_var)
    set(result "")
    if(NOT paths)
        set(${out_var} "" PARENT_SCOPE)
        return()
    endif()
    execute_process(COMMAND dpkg -S ${paths}
        OUTPUT_VARIABLE out ERROR_QUIET RESULT_VARIABLE rc)
    string(REPLACE "\n" ";" lines "${out}")
    foreach(line IN LISTS lines)
        # "qml6-module-qtquick-dialogs:amd64: /usr/lib/.../qmldir"; diversions start with
        # "diversion by" and are not owners.
        if(line MATCHES "^([^ :,]+)(:[a-z0-9]+)?: (/.*)$")
            list(APPEND result "${CMAKE_MATCH_3}|${CMAKE_MATCH_1}")
        endif()
    endforeach()
    set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# Sets _sb_owner_<path> to the package that owns each of paths, in the caller's scope (a macro).
macro(_sb_record_owners paths)
    _sb_dpkg_owners("${paths}" _sb_owners)
    foreach(_sb_pair IN LISTS _sb_owners)
        string(REPLACE "|" ";" _sb_pair "${_sb_pair}")
        list(GET _sb_pair 0 _sb_p)
        list(GET _sb_pair 1 _sb_pkg)
        set(_sb_owner_${_sb_p} "${_sb_pkg}")
    endforeach()
endmacro()

# Debian's name for a QML module that is not installed here, or "" (see the header).
function(_sb_guess_qml_package module out_var)
    string(TOLOWER "${module}" name)
    string(REPLACE "." ";" parts "${name}")
    set(${out_var} "" PARENT_SCOPE)
    list(LENGTH parts n)
    while(n GREATER 0)
        list(JOIN parts "-" candidate)
        execute_process(COMMAND apt-cache show --no-all-versions "qml6-module-${candidate}"
            OUTPUT_QUIET ERROR_QUIET RESULT_VARIABLE rc)
        if(rc EQUAL 0)
            set(${out_var} "qml6-module-${candidate}" PARENT_SCOPE)
            return()
        endif()
        math(EXPR n "${n} - 1")
        list(REMOVE_AT parts ${n})
    endwhile()
endfunction()

# Runs qmlimportscanner; sets <names_var>/<paths_var> to parallel lists of the modules found
# ("" path when the module is not installed).
function(_sb_scan scanner import_path names_var paths_var)
    execute_process(COMMAND "${scanner}" ${ARGN} -importPath "${import_path}"
        OUTPUT_VARIABLE json ERROR_VARIABLE err RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "qmlimportscanner failed (${rc}): ${err}")
    endif()
    set(names "")
    set(paths "")
    string(JSON count LENGTH "${json}")
    if(count GREATER 0)
        math(EXPR last "${count} - 1")
        foreach(i RANGE ${last})
            string(JSON type ERROR_VARIABLE e GET "${json}" ${i} type)
            if(NOT type STREQUAL "module")
                continue() # "directory" entries: imports of a relative path such as "."
            endif()
            string(JSON name GET "${json}" ${i} name)
            string(JSON path ERROR_VARIABLE e GET "${json}" ${i} path)
            if(e OR path STREQUAL "null" OR path STREQUAL "NOTFOUND")
                set(path "")
            endif()
            list(APPEND names "${name}")
            list(APPEND paths "${path}")
        endforeach()
    endif()
    set(${names_var} "${names}" PARENT_SCOPE)
    set(${paths_var} "${paths}" PARENT_SCOPE)
endfunction()

# `import X` lines of .qml files (quoted directory imports excluded): sets <var> to the module
# names and records "<module>_importer" (the first file importing it) in the caller's scope.
function(_sb_qml_import_lines out_var)
    set(found "")
    foreach(file IN LISTS ARGN)
        file(STRINGS "${file}" lines REGEX "^[ \t]*import[ \t]+[A-Za-z_]")
        foreach(line IN LISTS lines)
            if(line MATCHES "^[ \t]*import[ \t]+([A-Za-z_][A-Za-z0-9_.]*)")
                list(APPEND found "${CMAKE_MATCH_1}")
                if(NOT DEFINED _sb_importer_${CMAKE_MATCH_1})
                    set(_sb_importer_${CMAKE_MATCH_1} "${file}" PARENT_SCOPE)
                endif()
            endif()
        endforeach()
    endforeach()
    list(REMOVE_DUPLICATES found)
    set(${out_var} "${found}" PARENT_SCOPE)
endfunction()

function(signalbox_runtime_packages)
    cmake_parse_arguments(A ""
        "QML_SOURCE_DIR;QML_IMPORT_PATH;SCANNER;QT_PLUGIN_DIR;GRAPHVIZ_PLUGIN_DIR;PACKAGES;REPORT;ERRORS"
        "QT_PLUGINS;GRAPHVIZ_PLUGINS" ${ARGN})
    set(report "")
    set(errors "")
    set(packages "")

    # ---- QML modules -------------------------------------------------------------------------
    file(GLOB_RECURSE app_qml "${A_QML_SOURCE_DIR}/*.qml")
    _sb_qml_import_lines(hard_imports ${app_qml})
    _sb_scan("${A_SCANNER}" "${A_QML_IMPORT_PATH}" names paths -rootPath "${A_QML_SOURCE_DIR}")

    set(queue "")          # module names still to open
    set(seen "")           # every module name met
    set(optional_names "") # names met only as `optional import` in a qmldir
    macro(_sb_meet name path why)
        if(NOT "${name}" MATCHES "^Signalbox(\\.|$)" AND NOT "${name}" IN_LIST seen)
            list(APPEND seen "${name}")
            set(_sb_path_${name} "${path}")
            set(_sb_why_${name} "${why}")
            list(APPEND queue "${name}")
        endif()
    endmacro()
    foreach(name path IN ZIP_LISTS names paths)
        if(DEFINED _sb_importer_${name})
            file(RELATIVE_PATH rel "${A_QML_SOURCE_DIR}/.." "${_sb_importer_${name}}")
            _sb_meet("${name}" "${path}" "imported by ${rel}")
        else()
            _sb_meet("${name}" "${path}" "qmldir import of an imported module")
        endif()
    endforeach()

    while(queue)
        list(POP_FRONT queue module)
        set(dir "${_sb_path_${module}}")
        if(NOT dir OR NOT EXISTS "${dir}/qmldir")
            continue()
        endif()
        # qmldir lines: imports and the module's own .qml files.
        file(STRINGS "${dir}/qmldir" qmldir)
        set(module_qml "")
        foreach(line IN LISTS qmldir)
            if(line MATCHES "^(optional |default )?import ([A-Za-z_][A-Za-z0-9_.]*)")
                set(target "${CMAKE_MATCH_2}")
                if(CMAKE_MATCH_1 STREQUAL "optional ")
                    list(APPEND optional_names "${target}")
                else()
                    list(APPEND hard_imports "${target}")
                endif()
                string(REPLACE "." "/" rel "${target}")
                set(tpath "")
                if(EXISTS "${A_QML_IMPORT_PATH}/${rel}/qmldir")
                    set(tpath "${A_QML_IMPORT_PATH}/${rel}")
                endif()
                _sb_meet("${target}" "${tpath}" "qmldir import of ${module}")
            elseif(line MATCHES "^depends ([A-Za-z_][A-Za-z0-9_.]*)")
                set(target "${CMAKE_MATCH_1}")
                list(APPEND hard_imports "${target}")
                string(REPLACE "." "/" rel "${target}")
                set(tpath "")
                if(EXISTS "${A_QML_IMPORT_PATH}/${rel}/qmldir")
                    set(tpath "${A_QML_IMPORT_PATH}/${rel}")
                endif()
                _sb_meet("${target}" "${tpath}" "qmldir dependency of ${module}")
            elseif(line MATCHES "([^ ]+\\.qml)[ \t]*$")
                list(APPEND module_qml "${dir}/${CMAKE_MATCH_1}")
            endif()
        endforeach()
        # The module's .qml files.
        list(REMOVE_DUPLICATES module_qml)
        list(FILTER module_qml INCLUDE REGEX ".")
        set(existing "")
        foreach(f IN LISTS module_qml)
            if(EXISTS "${f}")
                list(APPEND existing "${f}")
            endif()
        endforeach()
        if(existing)
            _sb_qml_import_lines(file_imports ${existing})
            list(APPEND hard_imports ${file_imports})
            _sb_scan("${A_SCANNER}" "${A_QML_IMPORT_PATH}" snames spaths -qmlFiles ${existing})
            foreach(name path IN ZIP_LISTS snames spaths)
                if(name IN_LIST file_imports)
                    _sb_meet("${name}" "${path}" "imported by ${module}'s QML files")
                else()
                    _sb_meet("${name}" "${path}" "qmldir import of a module ${module} imports")
                endif()
            endforeach()
        endif()
        # Nested implementation modules the module's plugin loads by name.
        file(GLOB nested LIST_DIRECTORIES true "${dir}/*impl")
        foreach(ndir IN LISTS nested)
            if(EXISTS "${ndir}/qmldir")
                file(STRINGS "${ndir}/qmldir" mline REGEX "^module ")
                string(REGEX REPLACE "^module[ \t]+" "" nname "${mline}")
                _sb_meet("${nname}" "${ndir}" "implementation module of ${module}")
            endif()
        endforeach()
    endwhile()

    # Installed modules: dpkg -S on their qmldir files.
    set(qmldirs "")
    foreach(module IN LISTS seen)
        if(_sb_path_${module})
            list(APPEND qmldirs "${_sb_path_${module}}/qmldir")
        endif()
    endforeach()
    _sb_record_owners("${qmldirs}")
    list(SORT seen)
    foreach(module IN LISTS seen)
        set(dir "${_sb_path_${module}}")
        set(why "${_sb_why_${module}}")
        if(dir)
            set(pkg "${_sb_owner_${dir}/qmldir}")
            if(pkg)
                list(APPEND packages "${pkg}")
                list(APPEND report "qml-module ${module} -> ${pkg} (${why})")
            else()
                list(APPEND errors "qml-module ${module}: ${dir}/qmldir belongs to no Debian package (${why})")
            endif()
        elseif(module IN_LIST optional_names AND NOT module IN_LIST hard_imports)
            list(APPEND report "qml-module ${module} -> (none: optional import, not installed here) (${why})")
        else()
            _sb_guess_qml_package("${module}" pkg)
            if(pkg)
                list(APPEND packages "${pkg}")
                list(APPEND report "qml-module ${module} -> ${pkg} (${why}, NOT INSTALLED here: package named by Debian's rule)")
            else()
                list(APPEND errors "qml-module ${module}: not installed and no Debian package found for it (${why})")
            endif()
        endif()
    endforeach()

    # ---- Qt and Graphviz plugins (dlopen'ed, so dpkg-shlibdeps cannot see them) -----------
    set(plugin_files "")
    foreach(p IN LISTS A_QT_PLUGINS)
        if(EXISTS "${A_QT_PLUGIN_DIR}/${p}")
            list(APPEND plugin_files "${A_QT_PLUGIN_DIR}/${p}")
            set(_sb_kind_${A_QT_PLUGIN_DIR}/${p} "qt-plugin ${p}")
        else()
            list(APPEND errors "qt-plugin ${p}: ${A_QT_PLUGIN_DIR}/${p} is not installed")
        endif()
    endforeach()
    foreach(p IN LISTS A_GRAPHVIZ_PLUGINS)
        # libgvplugin_dot_layout.so.6: the numbered file is the one the library loads.
        file(GLOB candidates "${A_GRAPHVIZ_PLUGIN_DIR}/libgvplugin_${p}.so.[0-9]")
        if(candidates)
            list(GET candidates 0 f)
            list(APPEND plugin_files "${f}")
            set(_sb_kind_${f} "graphviz-plugin ${p}")
        else()
            list(APPEND errors "graphviz-plugin ${p}: no libgvplugin_${p}.so.N in ${A_GRAPHVIZ_PLUGIN_DIR}")
        endif()
    endforeach()
    _sb_record_owners("${plugin_files}")
    foreach(f IN LISTS plugin_files)
        if(_sb_owner_${f})
            list(APPEND packages "${_sb_owner_${f}}")
            list(APPEND report "${_sb_kind_${f}} -> ${_sb_owner_${f}} (${f})")
        else()
            list(APPEND errors "${_sb_kind_${f}}: ${f} belongs to no Debian package")
        endif()
    endforeach()

    list(REMOVE_DUPLICATES packages)
    list(SORT packages)
    set(${A_PACKAGES} "${packages}" PARENT_SCOPE)
    set(${A_REPORT} "${report}" PARENT_SCOPE)
    set(${A_ERRORS} "${errors}" PARENT_SCOPE)
endfunction()

# dpkg-shlibdeps on <binary>: sets <out_var> to its Depends entries, versions kept
# ("libc6 (>= 2.34)", alternatives as "a | b").
function(signalbox_shlib_depends binary out_var)
    string(RANDOM LENGTH 8 tag)
    set(work "${CMAKE_CURRENT_BINARY_DIR}/shlibdeps-${tag}.tmp")
    # dpkg-shlibdeps reads debian/control from its working directory.
    file(WRITE "${work}/debian/control"
        "Source: signalbox\n\nPackage: signalbox\nArchitecture: any\n")
    execute_process(COMMAND dpkg-shlibdeps -O "${binary}" WORKING_DIRECTORY "${work}"
        OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
    file(REMOVE_RECURSE "${work}")
    if(NOT rc EQUAL 0 OR NOT out MATCHES "shlibs:Depends=([^\n]*)")
        message(FATAL_ERROR "dpkg-shlibdeps ${binary} failed: ${err}")
    endif()
    string(REPLACE ", " ";" groups "${CMAKE_MATCH_1}")
    set(${out_var} "${groups}" PARENT_SCOPE)
endfunction()

cmake_policy(POP)
