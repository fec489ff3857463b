package dev.chainrule.sweep;

import dev.chainrule.description.SpecOverrides.Setting;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One combination of a sweep's {@code --set} values, numbered from 0 in the order
 * {@link #combinations} lists them.
 */
public record Trial(int index, List<Setting> settings) implements Serializable {

    public Trial {
        settings = List.copyOf(settings);
    }

    /**
     * Every combination of the choices, the last key varying fastest: keys {@code a=1,2} and
     * {@code b=x,y} give {@code a=1 b=x}, {@code a=1 b=y}, {@code a=2 b=x}, {@code a=2 b=y}.
     *
     * @param choices per key, its values in order
     */
    public static List<Trial> combinations(List<List<Setting>> choices) {
        List<List<Setting>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (List<Setting> values : choices) {
            List<List<Setting>> next = new ArrayList<>();
            for (List<Setting> prefix : combinations) {
                for (Setting value : values) {
                    List<Setting> combination = new ArrayList<>(prefix);
                    combination.add(value);
                    next.add(combination);
                }
            }
            combinations = next;
        }
        List<Trial> trials = new ArrayList<>();
        for (List<Setting> combination : combinations) {
            trials.add(new Trial(trials.size(), combination));
        }
        return trials;
    }
}
