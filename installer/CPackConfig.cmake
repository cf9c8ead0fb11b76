# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# Packaging, included at the end of the top-level CMakeLists.txt (so every target exists):
#   - install rules for what the executables' own rules do not cover: bundled sample data,
#     and on Linux the desktop entry, AppStream metainfo, shared-mime-info types for the feed
#     formats, icons in every hicolor size (rendered from resources/icons/tapir.svg with
#     rsvg-convert at build time), Debian copyright and changelog;
#   - Windows: Qt's deploy script (windeployqt) plus the non-Qt DLLs the executables load,
#     an .ico in the executable, and an NSIS installer with file associations;
#   - macOS: tapir as an app bundle deployed with macdeployqt (Qt's deploy script), packed
#     into a DragNDrop .dmg. Configure with -DCMAKE_INSTALL_BINDIR=. so the bundle lands at
#     the top of the image (app/gui installs tapir to CMAKE_INSTALL_BINDIR);
#   - CPack: DEB and TGZ on Linux, NSIS on Windows, DragNDrop on macOS.
# tools/package_test.sh builds, lints, installs and starts the .deb (ctest: package_deb).

set(TAPIR_APP_ID "io.github.tapir_pdns.Tapir")
set(_tapir_inst "${CMAKE_CURRENT_LIST_DIR}")
set(_tapir_gen "${CMAKE_BINARY_DIR}/installer")
file(MAKE_DIRECTORY "${_tapir_gen}")

# ---------------------------------------------------------------------------------------------
# Sample data offered on first start (views/common/welcome_dialog.cpp looks for it next to the
# executable: ../share/tapir/samples, or Contents/Resources/samples in a macOS bundle).
set(_tapir_samples
    "${PROJECT_SOURCE_DIR}/tests/data/passivedns/passivedns.log"
    "${PROJECT_SOURCE_DIR}/tests/data/dnstap/unbound-resolver.dnstap")
if(APPLE AND TARGET tapir)
  set(TAPIR_SAMPLES_DESTINATION "${CMAKE_INSTALL_BINDIR}/tapir.app/Contents/Resources/samples")
else()
  set(TAPIR_SAMPLES_DESTINATION "${CMAKE_INSTALL_DATADIR}/tapir/samples")
endif()
install(FILES ${_tapir_samples} DESTINATION "${TAPIR_SAMPLES_DESTINATION}"
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES "${_tapir_inst}/samples-README.txt" RENAME README.txt
        DESTINATION "${TAPIR_SAMPLES_DESTINATION}")

# ---------------------------------------------------------------------------------------------
# Linux desktop integration.
if(UNIX AND NOT APPLE AND TARGET tapir)
  configure_file("${_tapir_inst}/linux/tapir.metainfo.xml.in"
                 "${_tapir_gen}/${TAPIR_APP_ID}.metainfo.xml" @ONLY)
  install(FILES "${_tapir_inst}/linux/tapir.desktop" RENAME "${TAPIR_APP_ID}.desktop"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
  install(FILES "${_tapir_gen}/${TAPIR_APP_ID}.metainfo.xml"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
  install(FILES "${_tapir_inst}/linux/tapir-mime.xml" RENAME "${TAPIR_APP_ID}.xml"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages")
  install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/tapir.svg" RENAME "${TAPIR_APP_ID}.svg"
          DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")

  # Fixed-size icons for desktops and docks that do not scale SVG. Built with tapir so a
  # plain `cmake --build` makes them; without rsvg-convert only the SVG is installed (and
  # tools/package_test.sh fails, as the .deb then lacks them).
  find_program(TAPIR_RSVG_CONVERT rsvg-convert)
  if(TAPIR_RSVG_CONVERT)
    set(_tapir_icon_files "")
    foreach(size 16 22 24 32 48 64 128 256 512)
      set(_png "${_tapir_gen}/icons/${size}x${size}/${TAPIR_APP_ID}.png")
      add_custom_command(
          OUTPUT "${_png}"
          COMMAND ${CMAKE_COMMAND} -E make_directory "${_tapir_gen}/icons/${size}x${size}"
          COMMAND "${TAPIR_RSVG_CONVERT}" -w ${size} -h ${size}
                  -o "${_png}" "${PROJECT_SOURCE_DIR}/resources/icons/tapir.svg"
          DEPENDS "${PROJECT_SOURCE_DIR}/resources/icons/tapir.svg"
          COMMENT "Rendering ${size}x${size} icon"
          VERBATIM)
      list(APPEND _tapir_icon_files "${_png}")
      install(FILES "${_png}" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps")
    endforeach()
    add_custom_target(tapir_icons DEPENDS ${_tapir_icon_files})
    add_dependencies(tapir tapir_icons)
  else()
    message(STATUS "rsvg-convert not found: only the scalable icon will be installed")
  endif()

  # Debian wants a machine-readable copyright file, and the changelog and manual pages
  # compressed with gzip -9n (reproducible: no name or time stamp in the header).
  find_program(TAPIR_GZIP gzip)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_tapir_inst}/debian/changelog"
               "${_tapir_inst}/linux/tapir.1" "${_tapir_inst}/linux/tapir-cli.1")
  if(TAPIR_GZIP)
    execute_process(COMMAND "${TAPIR_GZIP}" -9nc "${_tapir_inst}/debian/changelog"
                    OUTPUT_FILE "${_tapir_gen}/changelog.gz")
    foreach(page tapir.1 tapir-cli.1)
      execute_process(COMMAND "${TAPIR_GZIP}" -9nc "${_tapir_inst}/linux/${page}"
                      OUTPUT_FILE "${_tapir_gen}/${page}.gz")
      install(FILES "${_tapir_gen}/${page}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
    endforeach()
    set(_tapir_docdir "${CMAKE_INSTALL_DATADIR}/doc/tapir")
    install(FILES "${_tapir_inst}/debian/copyright" "${_tapir_gen}/changelog.gz"
            DESTINATION "${_tapir_docdir}")
  endif()
endif()

# ---------------------------------------------------------------------------------------------
# Windows: icon resource, Qt and third-party DLLs next to the executables.
if(WIN32 AND TARGET tapir)
  target_sources(tapir PRIVATE "${_tapir_inst}/windows/tapir.rc")
  set_target_properties(tapir PROPERTIES WIN32_EXECUTABLE ON)
  qt_generate_deploy_app_script(TARGET tapir FILENAME_VARIABLE _tapir_deploy_script)
  install(SCRIPT "${_tapir_deploy_script}")
  # windeployqt only copies Qt; the engine's libraries (SQLite, ICU, libarchive, libpcap, …)
  # come from vcpkg's bin directory. System DLLs and the API sets stay out.
  set(_tapir_dll_dirs "$<TARGET_FILE_DIR:tapir>")
  if(DEFINED VCPKG_INSTALLED_DIR AND DEFINED VCPKG_TARGET_TRIPLET)
    list(APPEND _tapir_dll_dirs "${VCPKG_INSTALLED_DIR}/${VCPKG_TARGET_TRIPLET}/bin")
  endif()
  install(CODE "
    file(GET_RUNTIME_DEPENDENCIES
         EXECUTABLES \"$<TARGET_FILE:tapir>\" \"$<TARGET_FILE:tapir-cli>\"
         RESOLVED_DEPENDENCIES_VAR _deps
         UNRESOLVED_DEPENDENCIES_VAR _missing
         DIRECTORIES ${_tapir_dll_dirs}
         PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^[Qq]t6\"
         POST_EXCLUDE_REGEXES \"[Ss]ystem32\" \"[Ss]ys[Ww][Oo][Ww]64\")
    foreach(_dll IN LISTS _deps)
      file(INSTALL \"\${_dll}\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    endforeach()
    if(_missing)
      message(WARNING \"Unresolved runtime dependencies: \${_missing}\")
    endif()
  ")
endif()

# ---------------------------------------------------------------------------------------------
# macOS: an app bundle with Info.plist and icon, deployed by macdeployqt.
if(APPLE AND TARGET tapir)
  set(_icns "${_tapir_inst}/macos/tapir.icns")
  set_source_files_properties("${_icns}" PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
  target_sources(tapir PRIVATE "${_icns}")
  set_target_properties(tapir PROPERTIES
      MACOSX_BUNDLE ON
      MACOSX_BUNDLE_INFO_PLIST "${_tapir_inst}/macos/Info.plist.in"
      MACOSX_BUNDLE_GUI_IDENTIFIER "${TAPIR_APP_ID}"
      MACOSX_BUNDLE_BUNDLE_NAME "Tapir"
      MACOSX_BUNDLE_ICON_FILE "tapir.icns"
      MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
      MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}")
  if(NOT CMAKE_INSTALL_BINDIR STREQUAL ".")
    message(WARNING "macOS packages expect -DCMAKE_INSTALL_BINDIR=. (the .app at the top of "
                    "the .dmg and where Qt's deploy script looks for it)")
  endif()
  qt_generate_deploy_app_script(TARGET tapir FILENAME_VARIABLE _tapir_deploy_script)
  install(SCRIPT "${_tapir_deploy_script}")
endif()

# ---------------------------------------------------------------------------------------------
# CPack.
set(CPACK_PACKAGE_NAME "tapir")
set(CPACK_PACKAGE_VENDOR "The Tapir authors")
set(CPACK_PACKAGE_CONTACT "The Tapir authors <tapir@example.org>")  # placeholder: set the real one
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "passive DNS workbench for resolver logs and captures")
set(CPACK_PACKAGE_DESCRIPTION_FILE "${_tapir_inst}/description.txt")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Tapir")
set(CPACK_PACKAGE_EXECUTABLES "tapir" "Tapir")
set(CPACK_RESOURCE_FILE_LICENSE "${_tapir_inst}/LICENSE.txt")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/" "/\\\\.git/")
if(NOT CPACK_GENERATOR)
  if(WIN32)
    set(CPACK_GENERATOR "NSIS")
  elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
  else()
    set(CPACK_GENERATOR "DEB;TGZ")
  endif()
endif()

# Debian. shlibdeps finds the linked libraries; the Qt plugins loaded at run time (xcb
# platform plugin, SVG icon engine/image format) are not linked, so they are named here.
set(CPACK_DEBIAN_PACKAGE_NAME "tapir")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
# Fonts for names in non-Latin scripts (IDN lookalikes), as tools/dev.sh installs them.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "publicsuffix, fonts-noto-core, fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")

# NSIS (Windows): start-menu and desktop shortcuts, file associations, uninstaller.
include("${_tapir_inst}/windows/nsis.cmake")

# DragNDrop (macOS).
set(CPACK_DMG_VOLUME_NAME "Tapir ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")

include(CPack)
