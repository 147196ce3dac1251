package dev.connectorengine.model.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Entries of the address table beyond the private and loopback ranges everyone knows. */
class AddressRulesTest {

  @Test
  void the_azure_host_address_is_refused_as_cloud_metadata() {
    assertThat(refusalOf("168.63.129.16")).isEqualTo("a cloud metadata address");
    assertThat(refusalOf("168.63.129.17")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:0:ffff:ffff:ffff::"})
  void a_teredo_address_is_refused_whatever_it_tunnels_to(String address) {
    assertThat(refusalOf(address)).isEqualTo("a Teredo tunnel address");
  }

  @Test
  void an_address_next_to_the_teredo_range_is_public() {
    assertThat(refusalOf("2001:1::1")).isEmpty();
    assertThat(refusalOf("2001:4860:4860::8888")).isEmpty();
  }

  @ParameterizedTest(name = "{0} carries {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2002:7f00:1::1       | a loopback address
          2002:a00:1::         | a private address
          2002:c0a8:101:5::9   | a private address
          2002:a9fe:a9fe::1    | a cloud metadata address
          2002:a83f:8110::     | a cloud metadata address
          """)
  void a_6to4_address_is_judged_by_the_ipv4_address_in_bits_16_to_48(
      String address, String reason) {
    assertThat(refusalOf(address)).isEqualTo(reason);
  }

  @Test
  void a_6to4_address_of_a_public_ipv4_address_is_public() {
    assertThat(refusalOf("2002:5db8:d70e::1")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"64:ff9b:1::1", "64:ff9b:1:ffff::5db8:d70e", "64:ff9b:1:0:0:0:a00:1"})
  void a_local_use_nat64_address_is_refused(String address) {
    assertThat(refusalOf(address)).isEqualTo("a local-use NAT64 address");
  }

  @Test
  void well_known_nat64_is_still_judged_by_the_ipv4_address_it_carries() {
    assertThat(refusalOf("64:ff9b::a00:1")).isEqualTo("a private address");
    assertThat(refusalOf("64:ff9b::5db8:d70e")).isEmpty();
    assertThat(refusalOf("64:ff9b:2::1")).isEmpty();
  }

  private static String refusalOf(String address) {
    return AddressRules.refusalOf(InetAddress.ofLiteral(address)).orElse("");
  }
}
