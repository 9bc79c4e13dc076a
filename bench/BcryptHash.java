import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Prints the bcrypt hash ($2y$) of a password at a cost, for the benchmark's htpasswd file where apache2-utils'
 * htpasswd is not installed: {@code java -cp huruhuru.jar bench/BcryptHash.java PASSWORD COST}.
 */
public class BcryptHash {
    public static void main(String[] args) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        System.out.println(OpenBSDBCrypt.generate("2y", args[0].toCharArray(), salt, Integer.parseInt(args[1])));
    }
}
