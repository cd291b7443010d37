package dev.lector.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

    @Test
    void chineseIdCheckCharacterOnKnownNumbers() {
        // the GB 11643 example number, whose check character is X
        assertThat(Validators.cnIdValid("11010519491231002X")).isTrue();
        assertThat(Validators.cnIdValid("11010519491231002x")).isTrue();
        assertThat(Validators.cnIdValid("110101199003071233")).isTrue();
        assertThat(Validators.cnIdValid("110101199003071234")).isFalse();
        assertThat(Validators.cnIdValid("110105194912310021")).isFalse();
        assertThat(Validators.cnIdValid("1101051949123100")).isFalse();
        assertThat(Validators.cnIdCheckChar("44030419850612456")).isEqualTo('2');
        assertThat(Validators.cnIdBirthDate("110101199003071233")).isEqualTo(LocalDate.of(1990, 3, 7));
        assertThat(Validators.cnIdSex("110101199003071233")).isEqualTo('M');
        assertThat(Validators.cnIdSex("440304198506124562")).isEqualTo('F');
    }

    @Test
    void mrzCheckDigitsOnTheIcaoSpecimen() {
        assertThat(Validators.mrzCheckDigit("L898902C3")).isEqualTo(6);
        assertThat(Validators.mrzCheckDigit("740812")).isEqualTo(2);
        assertThat(Validators.mrzCheckDigit("120415")).isEqualTo(9);
        assertThat(Validators.mrzCheck("ZE184226B<<<<<", '1')).isTrue();
        assertThat(Validators.mrzCheck("L898902C3", '7')).isFalse();
        assertThat(Validators.mrzCheck("<<<<<<<<<<<<<<", '<')).isTrue();
    }

    @Test
    void luhnAndIban() {
        assertThat(Validators.luhn("4111 1111 1111 1111")).isTrue();
        assertThat(Validators.luhn("4111 1111 1111 1112")).isFalse();
        assertThat(Validators.iban("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(Validators.iban("GB82 WEST 1234 5698 7654 33")).isFalse();
        assertThat(Validators.iban("DE89370400440532013000")).isTrue();
    }

    @Test
    void datesInTheirPrintedForms() {
        assertThat(Dates.iso("Date: 25/12/2018 10:11", Dates.Order.DMY)).isEqualTo("2018-12-25");
        assertThat(Dates.iso("09/01/20198:01:11PM", Dates.Order.DMY)).isEqualTo("2019-01-09");
        assertThat(Dates.iso("12/25/2018", Dates.Order.DMY)).isEqualTo("2018-12-25");
        assertThat(Dates.iso("03/04/2018", Dates.Order.MDY)).isEqualTo("2018-03-04");
        assertThat(Dates.iso("03/04/2018", Dates.Order.DMY)).isEqualTo("2018-04-03");
        assertThat(Dates.iso("2018/02/22 13:34", Dates.Order.DMY)).isEqualTo("2018-02-22");
        assertThat(Dates.iso("24 MAR 18", Dates.Order.DMY)).isEqualTo("2018-03-24");
        assertThat(Dates.iso("March 5, 2021", Dates.Order.DMY)).isEqualTo("2021-03-05");
        assertThat(Dates.iso("1990年3月7日", Dates.Order.DMY)).isEqualTo("1990-03-07");
        assertThat(Dates.iso("Date: 14/02/20 19", Dates.Order.DMY)).isEqualTo("2019-02-14");
        assertThat(Dates.iso("14/02/20 19:30", Dates.Order.DMY)).isEqualTo("2020-02-14");
        assertThat(Dates.iso("Date :20 18 /02/22 13:34", Dates.Order.DMY)).isEqualTo("2018-02-22");
        assertThat(Dates.iso("31/02/2019", Dates.Order.DMY)).isNull();
        assertThat(Dates.iso("Tel 07-3523888", Dates.Order.DMY)).isNull();
    }

    @Test
    void amountsWithSeparatorsAndCurrencies() {
        assertThat(Amounts.find("TOTAL RM 1,234.50").normalized()).isEqualTo("1234.50 MYR");
        assertThat(Amounts.find("Summe 1.234,50 €").normalized()).isEqualTo("1234.50 EUR");
        assertThat(Amounts.find("$12").normalized()).isEqualTo("12 $");
        assertThat(Amounts.find("12,50").value()).isEqualByComparingTo("12.50");
        assertThat(Amounts.find("6% GST 3.00").value()).isEqualByComparingTo("3.00");
        assertThat(Amounts.find("TOTAL 39. 80").value()).isEqualByComparingTo("39.80");
        assertThat(Amounts.find("Total: 45.1 0").normalized()).isEqualTo("45.10");
        assertThat(Amounts.findAll("2 10.00")).extracting(Amounts.Found::normalized).containsExactly("2", "10.00");
        assertThat(Amounts.find("no money here")).isNull();
    }
}
