package dev.aigov.reports;

/**
 * Reports cannot be rendered on this machine: no font with Traditional Chinese glyphs is
 * installed for the PDF. Nothing is stored; the message says what to install.
 */
public class ReportRenderingUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ReportRenderingUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
