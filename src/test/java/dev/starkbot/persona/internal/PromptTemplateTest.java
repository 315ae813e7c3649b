package dev.starkbot.persona.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.starkbot.persona.PersonaException;
import dev.starkbot.shared.ErrorKind;

class PromptTemplateTest {

    private static final Map<String, String> VALUES = Map.of("user.name", "Ada", "now", "2027-01-01T09:30+01:00",
            "tone", "dry");

    private static String render(String template) {
        return PromptTemplate.parse(template).render(VALUES);
    }

    private static PersonaException refusal(String template) {
        return refusal(template, Map.of("tone", "dry"));
    }

    private static PersonaException refusal(String template, Map<String, String> variables) {
        PersonaException e = catchThrowableOfType(PersonaException.class,
                () -> DefaultPersonaService.check(template, variables));
        assertThat(e).as("refused: %s", template).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
        return e;
    }

    @Test
    void fillsVariablesWrittenWithOrWithoutSpaces() {
        assertThat(render("Hello {{user.name}}, it is {{ now }}; be {{\ttone  }}."))
                .isEqualTo("Hello Ada, it is 2027-01-01T09:30+01:00; be dry.");
    }

    @Test
    void leavesTextWithoutVariablesAsItIs() {
        assertThat(render("")).isEmpty();
        String braces = "{ single } braces }} and a lone { stay";
        assertThat(render(braces)).isEqualTo(braces);
        assertThat(render("line one\nline two\r\n")).isEqualTo("line one\nline two\r\n");
    }

    @Test
    void aBackslashMakesDoubleBracesLiteral() {
        assertThat(render("write \\{{now}} to get the time")).isEqualTo("write {{now}} to get the time");
        assertThat(render("\\{{ unclosed and not a name")).isEqualTo("{{ unclosed and not a name");
        assertThat(render("\\{{Not A Name}}")).isEqualTo("{{Not A Name}}");
    }

    @Test
    void backslashesBeforeBracesAreHalvedAndElsewhereKept() {
        assertThat(render("a backslash then the time: \\\\{{now}}")).isEqualTo("a backslash then the time: \\"
                + "2027-01-01T09:30+01:00");
        assertThat(render("\\\\\\{{now}}")).isEqualTo("\\{{now}}");
        assertThat(render("C:\\Users\\ada and \\d+ and \\{ and \\}}")).isEqualTo("C:\\Users\\ada and \\d+ and \\{ "
                + "and \\}}");
        assertThat(render("{{now}}\\{{now}}{{now}}")).isEqualTo("2027-01-01T09:30+01:00{{now}}"
                + "2027-01-01T09:30+01:00");
    }

    @Test
    void aReferenceWithoutAValueStaysAsWritten() {
        assertThat(render("{{ nobody.knows }} {{platform}}")).isEqualTo("{{ nobody.knows }} {{platform}}");
    }

    @Test
    void acceptsTheBuiltInsAndThePersonasOwnVariables() {
        DefaultPersonaService.check("{{user.name}} {{now}} {{timezone}} {{platform}} {{tone}}", Map.of("tone", "x"));
    }

    @Test
    void anUnknownVariableIsNamedWithItsPositionAndWhatIsKnown() {
        PersonaException e = refusal("You are helpful.\nThe user is {{user.name}}, {{ foo }}.");
        assertThat(e.type()).isEqualTo("unknown-variable");
        assertThat(e.getMessage()).isEqualTo("Unknown variable {{ foo }} at line 2 column 28; known: user.name, now, "
                + "timezone, platform, and this persona's variables tone");

        PersonaException without = refusal("{{tone}}", Map.of());
        assertThat(without.getMessage()).isEqualTo("Unknown variable {{tone}} at line 1 column 1; known: user.name, "
                + "now, timezone, platform (this persona has no variables of its own)");
    }

    @Test
    void onlyTheWholeDottedNameCounts() {
        assertThat(refusal("{{user}}").getMessage()).startsWith("Unknown variable {{user}}");
        assertThat(refusal("{{user.name.first}}").getMessage()).startsWith("Unknown variable {{user.name.first}}");
    }

    @Test
    void columnsCountCharactersAsPeopleSeeThem() {
        assertThat(refusal("🙂🙂 {{x}}").getMessage()).contains("at line 1 column 4;");
    }

    @Test
    void anUnclosedReferenceIsRefusedWhereItOpens() {
        PersonaException atEnd = refusal("Be brief.\n  Really {{now");
        assertThat(atEnd.type()).isEqualTo("invalid-template");
        assertThat(atEnd.getMessage()).isEqualTo("Unclosed {{ at line 2 column 10: close it with }} on the same "
                + "line, or write \\{{ for literal braces");

        PersonaException acrossLines = refusal("{{now}} {{now\n}}");
        assertThat(acrossLines.type()).isEqualTo("invalid-template");
        assertThat(acrossLines.getMessage()).startsWith("Unclosed {{ at line 1 column 9:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{}}", "{{  }}", "{{Now}}", "{{1st}}", "{{user..name}}", "{{user.}}", "{{.user}}",
            "{{a-b}}", "{{user name}}", "{{{now}}}", "{{_x}}", "{{user.Name}}", "{{nów}}"})
    void aMalformedNameIsRefused(String template) {
        PersonaException e = refusal("text " + template);
        assertThat(e.type()).isEqualTo("invalid-template");
        assertThat(e.getMessage()).startsWith("Invalid variable {{").contains(" at line 1 column 6: ");
    }

    @Test
    void namesMayHaveDigitsUnderscoresAndSeveralParts() {
        PromptTemplate template = PromptTemplate.parse("{{a1_b.c_2.d}}");
        assertThat(template.parts()).containsExactly(new PromptTemplate.Variable("a1_b.c_2.d", "{{a1_b.c_2.d}}", 1,
                1));
    }
}
