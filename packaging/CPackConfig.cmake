# Packages: a Debian package for apt-managed servers and a relocatable tarball for everything else.
# Included at the end of the top-level CMakeLists.txt. Every CPACK_ variable must be set before include(CPack),
# which writes them into CPackConfig.cmake in the build folder for cpack to read.

# The example systemd units have no target to live with, so their install rule lives here.
install(FILES
  ${CMAKE_CURRENT_LIST_DIR}/systemd/sellerscore-sync.service
  ${CMAKE_CURRENT_LIST_DIR}/systemd/sellerscore-sync.timer
  ${CMAKE_CURRENT_LIST_DIR}/systemd/sellerscore-serve.service
  DESTINATION ${CMAKE_INSTALL_DATADIR}/sellerscore/systemd)

# Hashes (and, given a key, signs) everything installed so far. This file is included last in the
# top-level CMakeLists.txt and install rules run in declaration order (CMP0082), so nothing installed
# after this rule could escape the list.
install(CODE "set(SELLERSCORE_PLUGIN_DIR \"${SELLERSCORE_PLUGIN_INSTALL_DIR}\")
set(SELLERSCORE_DATA_DIR \"${CMAKE_INSTALL_DATADIR}\")
include(\"${CMAKE_CURRENT_LIST_DIR}/sign_package.cmake\")")

set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGE_NAME sellerscore)
set(CPACK_PACKAGE_VENDOR sellerscore)
set(CPACK_PACKAGE_CONTACT "sellerscore support <support@sellerscore.invalid>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://sellerscore.invalid")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Seller KPIs and scores written back into your CRM as custom fields")
set(CPACK_PACKAGE_DESCRIPTION [=[
sellerscore is a CRM plugin: a shared library loaded by crmhost, or by any host
that speaks the crmext C ABI. It pulls sellers, contacts, deals and activities
from HubSpot, Pipedrive, Salesforce or an embedded local CRM, computes seller
KPIs, a seller score, churn and retention rates, and writes them back into the
CRM as custom fields.
.
The package holds the plugin and its manifest, the crmhost command line, the
manifest schema, example systemd units and the documentation.]=])

# Unpacks straight into a prefix (tar -xzf ... -C /opt/sellerscore), so bin/, lib/ and share/ sit at the
# top of the archive: crmhost finds the plugin relative to itself, wherever the prefix is.
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY OFF)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps fills Depends from the shared libraries the binaries actually link; the CA bundle is only
# read at run time, for TLS peer verification, so it has to be named by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "ca-certificates")

include(CPack)
